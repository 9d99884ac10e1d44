package demo

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// history is everything generate produced, ready for COPY.
type history struct {
	results []storage.Result
	changes []storage.StateChange
	health  []storage.HealthChange
	current []storage.CurrentState
}

// incident is a stretch during which one host's plugin misbehaves.
type incident struct {
	host, plugin string
	from, length time.Duration // from is measured back from the end
	value        float64
	message      string
}

// incidents are the post-mortems the demo invites: a web server burning
// CPU (the shop only degrades: the others carry it), a slow database
// (the shop goes major) and a router losing its uplink.
var incidents = []incident{
	{"web-2", "demo.cpu", 12*24*time.Hour - 14*time.Hour, 3 * time.Hour, 98, "runaway worker process"},
	{"db-1", "demo.latency", 5*24*time.Hour - 9*time.Hour, time.Hour, 260, "lock contention on orders"},
	{"router-1", "demo.link", 2*24*time.Hour - 3*time.Hour, 30 * time.Minute, 0, "uplink down: carrier lost"},
	{"web-1", "demo.cpu", 20 * 24 * time.Hour, 20 * time.Minute, 90, "nightly report"},
}

// value is what a plugin reports at step i of n on a host, without incidents.
func value(rng *rand.Rand, host, plugin string, t time.Time, i, n int) (float64, string) {
	day := 2 * math.Pi * float64(t.Hour()*60+t.Minute()) / (24 * 60)
	switch plugin {
	case "demo.cpu":
		return clamp(35+20*math.Sin(day-2)+rng.NormFloat64()*4, 0, 100), "load normal"
	case "demo.latency":
		base := 40.0
		if host == "db-1" {
			base = 12
		}
		return math.Max(1, base+base/3*math.Sin(day-2)+rng.NormFloat64()*base/10), "responding"
	case "demo.disk":
		return 60 + 28*float64(i)/float64(n) + rng.NormFloat64()*0.2, "/srv"
	}
	return 1, "uplink up"
}

// classify is the demo's stand-in for the plugins' Lua classifiers.
func classify(plugin string, v float64) state.State {
	limits := map[string][3]float64{"demo.cpu": {80, 90, 95}, "demo.latency": {100, 200, 1000}, "demo.disk": {80, 85, 95}}
	if plugin == "demo.link" {
		if v < 1 {
			return state.Critical
		}
		return state.OK
	}
	l := limits[plugin]
	switch {
	case v >= l[2]:
		return state.Critical
	case v >= l[1]:
		return state.Major
	case v >= l[0]:
		return state.Minor
	}
	return state.OK
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// during returns the incident hitting host/plugin at t, if any.
func during(host, plugin string, t, end time.Time) (incident, bool) {
	for _, in := range incidents {
		start := end.Add(-in.from)
		if in.host == host && in.plugin == plugin && !t.Before(start) && t.Before(start.Add(in.length)) {
			return in, true
		}
	}
	return incident{}, false
}
