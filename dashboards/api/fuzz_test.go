package api

import (
	"bytes"
	"errors"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/prophasis/prophasis/internal/storage"
)

// FuzzPushBody feeds arbitrary bodies to the decoding and validation of
// POST /results: never a panic, and a body that passes validation has
// only entries the pipeline can take (a host reference, a plugin, finite
// values, bounded sizes).
func FuzzPushBody(f *testing.F) {
	for _, s := range []string{
		`{"results":[{"host":"web1","plugin":"com.example.disk","value":42.5,"message":"ok"}]}`,
		`{"results":[{"host_id":3,"plugin":"Disk","time":"2026-01-02T03:04:05Z","status":"timeout"}]}`,
		`{"results":[{"host":"a","plugin":"p","perfdata":[{"label":"l","value":1,"uom":"%","warn":"80"}]}]}`,
		`{"results":[{"host":"a","plugin":"p","value":1e309}]}`,
		`{"results":[{"host":"a","plugin":"p","value":null,"extra":1}]}`,
		`{"results":[]} {}`, `[`, `{"results":{"host":"a"}}`, "",
	} {
		f.Add([]byte(s))
	}
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body []byte) {
		var in pushIn
		if err := decodeJSON(bytes.NewReader(body), &in); err != nil {
			return
		}
		err := in.validate(now)
		var fe *fieldError
		if err != nil && !errors.As(err, &fe) {
			t.Fatalf("validation error without a field: %v", err)
		}
		if err != nil {
			return
		}
		if len(in.Results) == 0 || len(in.Results) > maxPushed {
			t.Fatalf("accepted %d results", len(in.Results))
		}
		for _, r := range in.Results {
			if r.Plugin == "" || (r.Host == "") == (r.HostID == 0) || len(r.Message) > 8<<10*4 {
				t.Fatalf("accepted %+v", r)
			}
		}
	})
}

// FuzzCursor: a cursor from a client either decodes or is refused, and
// every cursor the API issues decodes to the same position.
func FuzzCursor(f *testing.F) {
	f.Add("eyJ0IjoiMjAyNi0wMS0wMlQwMzowNDowNVoiLCJwIjoiYS5iIiwiYyI6M30", "a.b", int64(3))
	f.Add("bogus", "", int64(0))
	at := time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)
	f.Fuzz(func(t *testing.T, s, plugin string, check int64) {
		_, _ = parseCursor(s)
		if !utf8.ValidString(plugin) {
			return // plugin ids in results are valid UTF-8
		}
		want := storage.ResultPos{Time: at, PluginID: plugin, CheckID: check}
		got, err := parseCursor(formatCursor(want))
		if err != nil || got != want {
			t.Fatalf("round trip of %+v: %+v %v", want, got, err)
		}
	})
}
