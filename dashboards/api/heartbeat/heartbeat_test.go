package heartbeat

import (
	"testing"
	"time"

	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/internal/storage"
)

func TestResults(t *testing.T) {
	created := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	beat := created.Add(10 * time.Minute)
	hb := storage.Heartbeat{Name: "n", HostID: 3, CheckID: 9, Period: 5 * time.Minute, CreatedAt: created}
	withBeat := hb
	withBeat.LastBeat = &beat
	tests := []struct {
		name    string
		got     func() (float64, string, int64)
		value   float64
		message string
	}{
		{"beat", func() (float64, string, int64) { r := Beat(hb, beat); return *r.Value, r.Message, r.Job.CheckID },
			1, "heartbeat received"},
		{"never beat", func() (float64, string, int64) {
			r := Missed(hb, created.Add(5*time.Minute))
			return *r.Value, r.Message, r.Job.CheckID
		}, 0, "no heartbeat since it was created 5m0s ago (expected every 5m0s)"},
		{"beat long ago", func() (float64, string, int64) {
			r := Missed(withBeat, beat.Add(7*time.Minute+400*time.Millisecond))
			return *r.Value, r.Message, r.Job.CheckID
		}, 0, "no heartbeat for 7m0s (expected every 5m0s)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, msg, check := tc.got()
			if v != tc.value || msg != tc.message || check != 9 {
				t.Fatalf("got %v %q check %d", v, msg, check)
			}
		})
	}
}

// TestClassifierCompiles keeps the embedded default classifier valid Lua.
func TestClassifierCompiles(t *testing.T) {
	if err := classify.Compile(Plugin().Classifier); err != nil {
		t.Fatal(err)
	}
}
