package dashboards

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

const xssName = `<script>document.title="pwned"</script>"><img src=x onerror=alert(1)>`

type fakeProber struct {
	fp  string
	err error
}

func (p fakeProber) Probe(context.Context, string, int) (string, error) { return p.fp, p.err }

func TestHostCRUD(t *testing.T) {
	a := newTestApp(t, fakeProber{fp: strings.Repeat("c", 64)})
	c := a.signedIn("ann", "admin")
	form := url.Values{"name": {xssName}, "address": {"bad address!"}, "port": {"99999"}, "agent_key": {""},
		"fingerprint": {"zz"}, "enabled": {"on"}}
	res, body := a.post(c, "/hosts/new", form)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid host: %d", res.StatusCode)
	}
	for _, msg := range []string{"Enter a host name", "from 1 to 65535", "Required: the key", "64 hex digits"} {
		if !strings.Contains(body, msg) {
			t.Errorf("no validation message %q", msg)
		}
	}
	form.Set("address", "web1.example.com")
	form.Set("port", "4048")
	form.Set("agent_key", "s3cret-agent-key-0123456789")
	form.Set("fingerprint", strings.ToUpper(strings.Repeat("ab:", 31)+"ab"))
	if res, _ := a.post(c, "/hosts/new", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create host: %d", res.StatusCode)
	}
	var id int64
	var key, fp []byte
	if err := a.db.QueryRow(context.Background(), `SELECT id, agent_key_encrypted, tls_fingerprint FROM hosts`).Scan(&id, &key, &fp); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(key, []byte("s3cret")) || len(fp) != 32 || fp[0] != 0xab {
		t.Fatalf("stored key %x / fingerprint %x", key, fp)
	}
	if plain, err := a.web.keys.Open(key); err != nil || string(plain) != "s3cret-agent-key-0123456789" {
		t.Fatalf("stored key does not decrypt to the key: %q, %v", plain, err)
	}
	_, list := a.get(c, "/hosts")
	_, edit := a.get(c, "/hosts/"+itoa(id))
	for name, page := range map[string]string{"list": list, "edit": edit} {
		if strings.Contains(page, "<script>document") || strings.Contains(page, "<img src=x") {
			t.Errorf("%s page contains the host name unescaped", name)
		}
		if !strings.Contains(page, "&lt;script&gt;") {
			t.Errorf("%s page does not show the escaped name", name)
		}
		if strings.Contains(page, "s3cret") {
			t.Errorf("%s page shows the agent key", name)
		}
	}
	form.Set("agent_key", "")
	form.Set("name", "web1")
	if res, _ := a.post(c, "/hosts/"+itoa(id), form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("update keeping key: %d", res.StatusCode)
	}
	var kept []byte
	_ = a.db.QueryRow(context.Background(), `SELECT agent_key_encrypted FROM hosts`).Scan(&kept)
	if !bytes.Equal(kept, key) {
		t.Fatal("an empty key field replaced the stored key")
	}
	if res, body := a.get(c, "/hosts/"+itoa(id)+"/delete"); res.StatusCode != http.StatusOK || !strings.Contains(body, "cannot be undone") {
		t.Fatalf("delete confirmation: %d", res.StatusCode)
	}
	if res, _ := a.post(c, "/hosts/"+itoa(id)+"/delete", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.StatusCode)
	}
	_, audit := a.get(c, "/audit")
	for _, action := range []string{"create", "update", "delete"} {
		if !strings.Contains(audit, "<code>"+action+"</code>") {
			t.Errorf("audit log lacks %s", action)
		}
	}
}

func TestHostProbe(t *testing.T) {
	for _, tt := range []struct {
		name   string
		prober HostProber
		want   string
	}{
		{"fingerprint shown", fakeProber{fp: strings.Repeat("d", 64)}, strings.Repeat("d", 64)},
		{"error shown escaped", fakeProber{err: errors.New("refused <b>")}, "Connection test failed: refused &lt;b&gt;"},
		{"no prober", nil, "not available"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestApp(t, tt.prober)
			c := a.signedIn("ann", "admin")
			res, body := a.post(c, "/hosts/probe", url.Values{"address": {"127.0.0.1"}, "port": {"4048"}})
			if res.StatusCode != http.StatusOK || !strings.Contains(body, tt.want) || strings.Contains(body, "<html") {
				t.Fatalf("probe: %d %s", res.StatusCode, body)
			}
		})
	}
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
