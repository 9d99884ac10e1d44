package dryrun

import (
	"encoding/json"
	"testing"
)

// FuzzPerfFrom: stored perfdata of any shape decodes or is ignored, never
// panics, and keeps every point of a well-formed array.
func FuzzPerfFrom(f *testing.F) {
	for _, seed := range []string{
		`[{"label":"load1","value":0.5,"uom":"","warn":"1","crit":"2","min":0}]`,
		`[{"label":"u","value":null}]`, `{}`, `[]`, `null`, `[1,2]`, `[{"value":"x"}]`, ``,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		out := perfFrom(raw)
		var points []map[string]any
		if json.Unmarshal(raw, &points) == nil && out != nil && len(out) != len(points) {
			t.Errorf("%d points decoded from %d", len(out), len(points))
		}
	})
}
