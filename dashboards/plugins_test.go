package dashboards

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/prophasis/prophasis/agent/bundle"
)

func pluginArchive(t *testing.T, version, description string) []byte {
	t.Helper()
	manifest := `{"id": "com.example.load", "name": "Load", "description": "` + description + `", "version": "` + version + `",
		"entry": "check.sh", "protocol": "json", "timeout_seconds": 5, "classifier": "classifier.lua", "history": 2,
		"view": {"kind": "line"}}`
	b, err := bundle.Build(fstest.MapFS{
		"manifest.json":  {Data: []byte(manifest)},
		"check.sh":       {Data: []byte("#!/bin/sh\necho '{\"value\": 1}'\n"), Mode: 0o755},
		"classifier.lua": {Data: []byte(`return "ok"`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.Archive
}

func (a *testApp) upload(c *http.Client, archive []byte) (*http.Response, string) {
	a.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("archive", "plugin.tar.gz")
	fw.Write(archive)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, a.srv.URL+"/plugins/upload", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	return res, string(out)
}

func TestPluginUploadAndClassifier(t *testing.T) {
	a := newTestApp(t, nil)
	c := a.signedIn("ann", "admin")
	if res, body := a.upload(c, []byte("not a tarball")); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "not a valid plugin archive") {
		t.Fatalf("garbage upload: %d", res.StatusCode)
	}
	res, _ := a.upload(c, pluginArchive(t, "1.0.0", `<img src=x onerror=alert(1)>`))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/plugins/com.example.load" {
		t.Fatalf("upload: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if res, body := a.upload(c, pluginArchive(t, "1.0.0", "again")); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "already uploaded") {
		t.Fatalf("duplicate version: %d", res.StatusCode)
	}
	a.upload(c, pluginArchive(t, "1.1.0", "newer"))
	_, page := a.get(c, "/plugins/com.example.load")
	if !strings.Contains(page, "1.1.0") || !strings.Contains(page, "Make active") || strings.Contains(page, "<img src=x") {
		t.Fatalf("plugin page:\n%s", page)
	}
	if res, _ := a.post(c, "/plugins/com.example.load/activate", url.Values{"version": {"1.0.0"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("downgrade: %d", res.StatusCode)
	}
	_, edit := a.get(c, "/plugins/com.example.load/classifier")
	if !strings.Contains(edit, `return &#34;ok&#34;`) || !strings.Contains(edit, `value="2"`) {
		t.Fatalf("classifier editor does not show the archive's classifier and depth:\n%s", edit)
	}
	res, body := a.post(c, "/plugins/com.example.load/classifier", url.Values{"code": {"if then"}, "depth": {"3"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "code-error") {
		t.Fatalf("syntax error accepted: %d", res.StatusCode)
	}
	if res, _ := a.post(c, "/plugins/com.example.load/classifier", url.Values{"code": {`return "minor"`}, "depth": {"3"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save classifier: %d", res.StatusCode)
	}
	var version, depth int
	_ = a.db.QueryRow(t.Context(), `SELECT version, history_depth FROM classifiers WHERE plugin_id = 'com.example.load'`).Scan(&version, &depth)
	if version != 2 || depth != 3 {
		t.Fatalf("classifier version %d depth %d after one edit", version, depth)
	}
}
