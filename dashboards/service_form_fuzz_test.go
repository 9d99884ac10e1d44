package dashboards

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// FuzzServiceFields feeds arbitrary form bodies to the services editor's
// parser: it must not panic, must keep only known ids and at most
// maxRedundancyGroups groups, and a form it accepts must be a structure
// storage can save (named, non-empty, uniquely named redundancy groups).
func FuzzServiceFields(f *testing.F) {
	f.Add("name=shop&hosts=1&rg-name-0=web&rg-hosts-0=1&rg-hosts-0=2&rg-name-1=")
	f.Add("name=x&rg-name-0=a&rg-groups-0=7&rg-name-1=a&rg-groups-1=7&rg-remove-1=on")
	f.Add("name=%00&hosts=-1&hosts=99&rg-name-0=%0a&rg-hosts-0=1")
	known := subjectNames{Hosts: map[int64]string{1: "a", 2: "b"}, Groups: map[int64]string{7: "g"}}
	f.Fuzz(func(t *testing.T, body string) {
		c, _ := gin.CreateTestContext(httptest.NewRecorder())
		c.Request = httptest.NewRequest(http.MethodPost, "/services/new", strings.NewReader(body))
		c.Request.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		form := view.NewForm()
		in := serviceFields(c, form, known)
		if len(in.Redundancy) > maxRedundancyGroups {
			t.Fatalf("%d redundancy groups kept", len(in.Redundancy))
		}
		all := slices.Concat(in.Hosts, in.Groups)
		for _, r := range in.Redundancy {
			all = slices.Concat(all, r.Hosts, r.Groups)
		}
		for _, id := range all {
			if known.Hosts[id] == "" && known.Groups[id] == "" {
				t.Fatalf("unknown id %d kept", id)
			}
		}
		if !form.Valid() {
			return
		}
		if in.Name == "" || len(in.Hosts)+len(in.Groups)+len(in.Redundancy) == 0 {
			t.Fatalf("accepted %+v", in)
		}
		for i, r := range in.Redundancy {
			if r.Name == "" || len(r.Hosts)+len(r.Groups) == 0 || slices.ContainsFunc(in.Redundancy[:i], func(o storage.RedundancyGroup) bool { return o.Name == r.Name }) {
				t.Fatalf("accepted redundancy group %+v", r)
			}
		}
	})
}
