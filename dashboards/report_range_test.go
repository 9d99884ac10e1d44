package dashboards

import (
	"net/url"
	"testing"
	"time"
)

func TestParseRange(t *testing.T) {
	now := time.Date(2026, 5, 1, 10, 30, 20, 0, time.UTC)
	end := time.Date(2026, 5, 1, 10, 31, 0, 0, time.UTC)
	cases := []struct {
		name     string
		query    string
		from, to time.Time
		preset   string
		bad      bool
	}{
		{"default preset", "", end.Add(-24 * time.Hour), end, "24h", false},
		{"preset 7d", "range=7d", end.Add(-7 * 24 * time.Hour), end, "7d", false},
		{"custom datetime-local", "from=2026-04-01T00:00&to=2026-04-02T12:00",
			time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 2, 12, 0, 0, 0, time.UTC), "", false},
		{"custom RFC 3339 with zone", "from=2026-04-01T02:00:00%2B02:00&to=2026-04-01T03:00:00Z",
			time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 1, 3, 0, 0, 0, time.UTC), "", false},
		{"unknown preset", "range=2w", time.Time{}, time.Time{}, "", true},
		{"end before start", "from=2026-04-02&to=2026-04-01", time.Time{}, time.Time{}, "", true},
		{"only one end", "from=2026-04-02", time.Time{}, time.Time{}, "", true},
		{"garbage", "from=<script>&to=x", time.Time{}, time.Time{}, "", true},
		{"too long", "from=1990-01-01&to=2026-01-01", time.Time{}, time.Time{}, "", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q, _ := url.ParseQuery(c.query)
			r, err := parseRange(q, now, "24h")
			if c.bad {
				if err == nil {
					t.Fatalf("accepted %q as %v", c.query, r)
				}
				return
			}
			if err != nil || !r.From.Equal(c.from) || !r.To.Equal(c.to) || r.Preset != c.preset {
				t.Fatalf("got %v, %v; want %s..%s preset %q", r, err, c.from, c.to, c.preset)
			}
			back, _ := url.ParseQuery(r.Query())
			if again, err := parseRange(back, now, "24h"); err != nil || !again.From.Equal(r.From) || !again.To.Equal(r.To) {
				t.Fatalf("Query() %q does not round-trip: %v %v", r.Query(), again, err)
			}
		})
	}
}

// FuzzParseRange: any query string gives an error or a sane range.
func FuzzParseRange(f *testing.F) {
	for _, s := range []string{"", "range=1y", "from=2026-04-01T00:00&to=2026-04-02T00:00", "from=9999-12-31&to=0001-01-01", "range=%00"} {
		f.Add(s)
	}
	now := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		q, err := url.ParseQuery(s)
		if err != nil {
			return
		}
		r, err := parseRange(q, now, "24h")
		if err == nil && (!r.From.Before(r.To) || r.To.Sub(r.From) > maxRangeSpan) {
			t.Fatalf("%q gave %v", s, r)
		}
	})
}
