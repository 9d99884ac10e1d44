package query

import (
	"sort"
	"time"

	"github.com/prophasis/prophasis/internal/state"
)

// Interval is a half-open stretch of time [From, To).
type Interval struct {
	From, To time.Time
}

// Availability is how long a host or service spent in each state over a
// period, maintenance excluded: what an availability report shows.
type Availability struct {
	Period Interval
	// Counted is the period minus maintenance: the base of the percentages.
	Counted time.Duration
	// Excluded is the time spent in maintenance windows.
	Excluded time.Duration
	// In holds the counted time spent in each state; states never entered
	// are absent.
	In map[state.State]time.Duration
}

// Percent is the share of counted time spent in s, 0..100; zero when no
// time was counted at all.
func (a Availability) Percent(s state.State) float64 {
	if a.Counted <= 0 {
		return 0
	}
	return 100 * float64(a.In[s]) / float64(a.Counted)
}

// Summarise adds up the bands of a timeline covering period, leaving out
// every moment inside one of the excluded intervals (they may overlap).
func Summarise(period Interval, bands []Band, excluded []Interval) Availability {
	a := Availability{Period: period, In: map[state.State]time.Duration{}}
	holes := union(clip(excluded, period))
	for _, h := range holes {
		a.Excluded += h.To.Sub(h.From)
	}
	for _, b := range bands {
		d := overlap(Interval{b.From, b.To}, period)
		for _, h := range holes {
			d -= overlap(Interval{b.From, b.To}, h)
		}
		if d > 0 {
			a.In[b.State] += d
			a.Counted += d
		}
	}
	return a
}

// overlap is the length of the intersection of a and b.
func overlap(a, b Interval) time.Duration {
	from, to := a.From, a.To
	if b.From.After(from) {
		from = b.From
	}
	if b.To.Before(to) {
		to = b.To
	}
	if !from.Before(to) {
		return 0
	}
	return to.Sub(from)
}

// clip cuts every interval to p and drops the empty ones.
func clip(in []Interval, p Interval) []Interval {
	var out []Interval
	for _, iv := range in {
		if iv.From.Before(p.From) {
			iv.From = p.From
		}
		if iv.To.After(p.To) {
			iv.To = p.To
		}
		if iv.From.Before(iv.To) {
			out = append(out, iv)
		}
	}
	return out
}

// union merges overlapping and touching intervals into disjoint ones,
// sorted by start.
func union(in []Interval) []Interval {
	sorted := append([]Interval(nil), in...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].From.Before(sorted[j].From) })
	var out []Interval
	for _, iv := range sorted {
		if n := len(out); n > 0 && !iv.From.After(out[n-1].To) {
			if iv.To.After(out[n-1].To) {
				out[n-1].To = iv.To
			}
			continue
		}
		out = append(out, iv)
	}
	return out
}
