package dashboards

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/internal/storage"
)

func TestCheckCRUD(t *testing.T) {
	a := newTestApp(t, nil)
	c := a.signedIn("ann", "admin")
	a.upload(c, pluginArchive(t, "1.0.0", "load"))
	host, _ := storage.CreateHost(t.Context(), a.db, storage.Host{Name: "web1", Address: "web1", Port: 4048, Enabled: true})
	form := url.Values{"name": {`<b>load</b>`}, "enabled": {"on"}, "hosts": {itoa(host)}, "plugins": {"com.example.load"}}
	if res, _ := a.post(c, "/checks/new", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create check: %d", res.StatusCode)
	}
	_, list := a.get(c, "/checks")
	if !strings.Contains(list, "&lt;b&gt;load&lt;/b&gt;") || !strings.Contains(list, "<td>1</td><td>0</td><td>1</td>") {
		t.Fatalf("checks list:\n%s", list)
	}
	var id string
	_ = a.db.QueryRow(t.Context(), `SELECT id::text FROM checks`).Scan(&id)
	_, edit := a.get(c, "/checks/"+id)
	if !strings.Contains(edit, `value="com.example.load" id="p-0" checked`) || !strings.Contains(edit, `id="h-`+itoa(host)+`" checked`) {
		t.Fatalf("edit form does not tick the members:\n%s", edit)
	}
	if res, _ := a.post(c, "/checks/"+id+"/delete", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.StatusCode)
	}
}
