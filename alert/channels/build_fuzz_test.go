package channels

import (
	"net/http"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/storage"
)

// FuzzBuild: settings come from forms and the REST API; any JSON, for any
// kind, is either a working notifier or an error, never a panic.
func FuzzBuild(f *testing.F) {
	f.Add("email", []byte(`{"host":"h","from":"a@b.c","to":["d@e.f"],"port":99999}`))
	f.Add("webhook", []byte(`{"url":"http://[::1"}`))
	f.Add("script", []byte(`{"path":"/bin/true","timeout_seconds":-1e308,"max_output":-5}`))
	f.Add("ntfy", []byte(`{"url":null}`))
	f.Add("teams", []byte(`not json`))
	deps := Deps{Client: http.DefaultClient, Now: time.Now}
	f.Fuzz(func(t *testing.T, kind string, settings []byte) {
		n, err := deps.Build(storage.NotifierRow{Kind: kind, Settings: settings})
		if err == nil && n == nil {
			t.Fatal("no notifier and no error")
		}
	})
}
