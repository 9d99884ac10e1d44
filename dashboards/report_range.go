package dashboards

import (
	"errors"
	"fmt"
	"net/url"
	"time"
)

// reportRange is the time range of a report page. It travels in the URL
// (?range=7d, or ?from=…&to=…) so a pasted link shows the same view.
type reportRange struct {
	Preset   string // "" for a custom range
	From, To time.Time
}

// rangePresets are the buttons above the graphs, shortest first.
var rangePresets = []struct {
	Name string
	Span time.Duration
}{
	{"1h", time.Hour}, {"6h", 6 * time.Hour}, {"24h", 24 * time.Hour},
	{"7d", 7 * 24 * time.Hour}, {"30d", 30 * 24 * time.Hour}, {"1y", 365 * 24 * time.Hour},
}

// maxRangeSpan keeps a custom range to what the daily tier draws quickly.
const maxRangeSpan = 10 * 366 * 24 * time.Hour

// rangeLayouts are accepted for custom ranges: RFC 3339 and what an HTML
// datetime-local input sends (read as UTC).
var rangeLayouts = []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02"}

// parseRange reads the range from a query string; with neither a preset
// nor from/to it is defaultPreset ending now.
func parseRange(q url.Values, now time.Time, defaultPreset string) (reportRange, error) {
	now = now.UTC().Truncate(time.Minute).Add(time.Minute)
	if q.Get("from") != "" || q.Get("to") != "" {
		from, err := parseTime(q.Get("from"))
		if err != nil {
			return reportRange{}, fmt.Errorf("from: %w", err)
		}
		to, err := parseTime(q.Get("to"))
		if err != nil {
			return reportRange{}, fmt.Errorf("to: %w", err)
		}
		if !from.Before(to) || to.Sub(from) > maxRangeSpan {
			return reportRange{}, errors.New("the start must be before the end, at most ten years apart")
		}
		return reportRange{From: from, To: to}, nil
	}
	name := q.Get("range")
	if name == "" {
		name = defaultPreset
	}
	for _, p := range rangePresets {
		if p.Name == name {
			return reportRange{Preset: name, From: now.Add(-p.Span), To: now}, nil
		}
	}
	return reportRange{}, fmt.Errorf("unknown range %q", name)
}

func parseTime(s string) (time.Time, error) {
	for _, layout := range rangeLayouts {
		if t, err := time.Parse(layout, s); err == nil && t.Year() >= 1970 && t.Year() < 10000 {
			return t.UTC(), nil
		}
	}
	return time.Time{}, errors.New("not a date and time (use YYYY-MM-DDTHH:MM)")
}

// Query is the range as URL parameters, for links that keep it.
func (r reportRange) Query() string {
	if r.Preset != "" {
		return url.Values{"range": {r.Preset}}.Encode()
	}
	return url.Values{"from": {r.From.Format(time.RFC3339)}, "to": {r.To.Format(time.RFC3339)}}.Encode()
}

// Input formats t for a datetime-local field of the custom-range form.
func (r reportRange) Input(t time.Time) string { return t.UTC().Format("2006-01-02T15:04") }

// rangeBar is what the "report-range" partial draws: preset buttons and
// the custom-range form; Keep are other parameters of the page to carry.
type rangeBar struct {
	Presets []presetLink
	Range   reportRange
	Keep    map[string]string
}

// presetLink is one range button; its URL keeps the page's path.
type presetLink struct {
	Name, URL string
	Active    bool
}

func newRangeBar(path string, r reportRange, keep url.Values) rangeBar {
	b := rangeBar{Range: r, Keep: map[string]string{}}
	for k := range keep {
		b.Keep[k] = keep.Get(k)
	}
	for _, p := range rangePresets {
		q := url.Values{"range": {p.Name}}
		for k, v := range b.Keep {
			q.Set(k, v)
		}
		b.Presets = append(b.Presets, presetLink{Name: p.Name, URL: path + "?" + q.Encode(), Active: p.Name == r.Preset})
	}
	return b
}
