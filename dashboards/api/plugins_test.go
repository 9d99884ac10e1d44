package api_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"

	pluginbundle "github.com/prophasis/prophasis/agent/bundle"
)

func archive(t *testing.T, version string) []byte {
	t.Helper()
	manifest := `{"id":"com.example.disk","name":"Disk","version":"` + version + `","entry":"bin/run.sh",
		"protocol":"json","classifier":"c.lua","history":3,"view":{"kind":"line"}}`
	b, err := pluginbundle.Build(fstest.MapFS{
		"manifest.json": {Data: []byte(manifest)},
		"bin/run.sh":    {Data: []byte("#!/bin/sh\necho '{\"value\": 1}'\n")},
		"c.lua":         {Data: []byte(`return "ok"`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.Archive
}

func (b *bundle) upload(t *testing.T, token string, data []byte) (int, map[string]any) {
	t.Helper()
	return b.do(t, "POST", "/api/v1/plugins", token, string(data))
}

func TestPluginUploadVersionsAndClassifier(t *testing.T) {
	b := setup(t, options{})
	st, p := b.upload(t, b.write, archive(t, "1.0.0"))
	if st != http.StatusCreated || p["id"] != "com.example.disk" || p["active_version"] != "1.0.0" {
		t.Fatalf("upload: %d %v", st, p)
	}
	if st, body := b.upload(t, b.write, archive(t, "1.0.0")); st != http.StatusConflict {
		t.Fatalf("same version again: %d %v", st, body)
	}
	if st, _ = b.upload(t, b.write, archive(t, "1.1.0")); st != http.StatusCreated {
		t.Fatalf("upload 1.1.0: %d", st)
	}
	st, p = b.do(t, "PUT", "/api/v1/plugins/com.example.disk/active-version", b.write, map[string]any{"version": "1.0.0"})
	if st != 200 || p["active_version"] != "1.0.0" || len(p["versions"].([]any)) != 2 {
		t.Fatalf("downgrade: %d %v", st, p)
	}
	st, body := b.do(t, "PUT", "/api/v1/plugins/com.example.disk/active-version", b.write, map[string]any{"version": "9.9.9"})
	if _, field := errOf(t, body); st != 422 || field != "version" {
		t.Fatalf("unknown version: %d %v", st, body)
	}
	st, body = b.upload(t, b.write, []byte("not a tarball"))
	if code, field := errOf(t, body); st != 422 || code != "invalid_archive" || field != "archive" {
		t.Fatalf("garbage upload: %d %v", st, body)
	}
	if st, _ = b.upload(t, b.read, archive(t, "2.0.0")); st != http.StatusForbidden {
		t.Fatalf("upload with read token: %d", st)
	}

	const path = "/api/v1/plugins/com.example.disk/classifier"
	if st, body = b.do(t, "GET", path, b.read, nil); st != 200 || body["code"] != `return "ok"` || body["history_depth"] != 3.0 {
		t.Fatalf("classifier from archive: %d %v", st, body)
	}
	st, body = b.do(t, "PUT", path, b.write, map[string]any{"code": "if then", "history_depth": 5})
	if _, field := errOf(t, body); st != 422 || field != "code" {
		t.Fatalf("broken Lua: %d %v", st, body)
	}
	lua := `if result.value > 90 then return "critical" end return "ok"`
	if st, _ = b.do(t, "PUT", path, b.write, map[string]any{"code": lua, "history_depth": 5}); st != 200 {
		t.Fatalf("save classifier: %d", st)
	}
	if _, body = b.do(t, "GET", path, b.read, nil); body["code"] != lua || body["history_depth"] != 5.0 {
		t.Fatalf("saved classifier: %v", body)
	}
	if st, _ = b.upload(t, b.write, archive(t, "1.2.0")); st != http.StatusCreated {
		t.Fatalf("upload 1.2.0: %d", st)
	}
	if _, body = b.do(t, "GET", path, b.read, nil); body["code"] != lua {
		t.Fatalf("re-upload overwrote the edited classifier: %v", body)
	}
	st, body = b.do(t, "GET", "/api/v1/plugins?search=disk", b.read, nil)
	if st != 200 || body["total"] != 1.0 || !strings.Contains(string(ids(body)), "com.example.disk") {
		t.Fatalf("list: %d %v", st, body)
	}
	if st, _ = b.do(t, "DELETE", "/api/v1/plugins/com.example.disk", b.write, nil); st != http.StatusNoContent {
		t.Fatalf("delete: %d", st)
	}
	if st, _ = b.do(t, "GET", path, b.read, nil); st != http.StatusNotFound {
		t.Fatalf("classifier of deleted plugin: %d", st)
	}
}

// ids concatenates the ids of a list answer's items.
func ids(v map[string]any) []byte {
	var buf bytes.Buffer
	for _, it := range v["items"].([]any) {
		buf.WriteString(it.(map[string]any)["id"].(string))
	}
	return buf.Bytes()
}
