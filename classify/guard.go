package classify

import (
	"context"
	"sync"
	"time"
)

// ErrorSink receives classifier failures, at most one report per classifier
// per Config.ReportEvery (the system log, in the server).
type ErrorSink interface {
	ClassifierFailed(ctx context.Context, r Report)
}

// Report is one classifier failure for the system log.
type Report struct {
	Time time.Time
	Err  *Error
	// Suppressed counts the failures of the same classifier since the
	// previous report that were not reported on their own.
	Suppressed int
	// OpenUntil is set when this failure stopped the classifier from running
	// (the circuit breaker): results classify as unknown until then.
	OpenUntil time.Time
}

type breaker struct {
	failures  int
	openUntil time.Time
}

type reportState struct {
	last       time.Time
	suppressed int
}

// guard is the circuit breaker per classifier version plus the report rate
// limit per classifier.
type guard struct {
	cfg      *Config
	sink     ErrorSink
	now      func() time.Time
	mu       sync.Mutex
	breakers map[cacheKey]*breaker
	reports  map[string]*reportState
}

func newGuard(cfg *Config, sink ErrorSink, now func() time.Time) *guard {
	return &guard{cfg: cfg, sink: sink, now: now, breakers: map[cacheKey]*breaker{}, reports: map[string]*reportState{}}
}

// allow reports whether cls may run: not while its breaker is open. After
// the cool-down the next run is a trial; one more failure reopens it.
func (g *guard) allow(cls Classifier) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	b := g.breakers[cacheKey{cls.ID, cls.Version}]
	if b == nil || !g.now().Before(b.openUntil) {
		return true
	}
	g.reportLocked(cls.ID).suppressed++
	return false
}

// record updates the breaker with a run's outcome and reports a failure if
// the classifier has not been reported within ReportEvery. History failures
// do not count towards the breaker: they are the database's, not the code's.
func (g *guard) record(ctx context.Context, cls Classifier, err *Error) {
	key := cacheKey{cls.ID, cls.Version}
	g.mu.Lock()
	if err == nil {
		delete(g.breakers, key)
		g.mu.Unlock()
		return
	}
	now := g.now()
	rep := Report{Time: now, Err: err}
	if err.Kind != KindHistory {
		b := g.breakers[key]
		if b == nil {
			g.pruneLocked(now)
			b = &breaker{}
			g.breakers[key] = b
		}
		if b.failures++; b.failures >= g.cfg.BreakerFailures {
			b.openUntil = now.Add(g.cfg.BreakerCooldown)
			rep.OpenUntil = b.openUntil
		}
	}
	rs := g.reportLocked(cls.ID)
	due := rs.last.IsZero() || now.Sub(rs.last) >= g.cfg.ReportEvery
	if due {
		rep.Suppressed, rs.last, rs.suppressed = rs.suppressed, now, 0
	} else {
		rs.suppressed++
	}
	g.mu.Unlock()
	if due && g.sink != nil {
		g.sink.ClassifierFailed(ctx, rep)
	}
}

// pruneLocked bounds the breaker map: when it is large, the breakers that
// are not open are forgotten (a classifier version that failed a few times
// and was then replaced would otherwise stay forever).
func (g *guard) pruneLocked(now time.Time) {
	if len(g.breakers) < 4096 {
		return
	}
	for k, b := range g.breakers {
		if !now.Before(b.openUntil) {
			delete(g.breakers, k)
		}
	}
}

// reportLocked returns the report state of a classifier, dropping stale
// entries when the map grows so that it stays bounded.
func (g *guard) reportLocked(id string) *reportState {
	rs := g.reports[id]
	if rs != nil {
		return rs
	}
	if len(g.reports) >= 4096 {
		for k, v := range g.reports {
			if g.now().Sub(v.last) >= g.cfg.ReportEvery {
				delete(g.reports, k)
			}
		}
	}
	rs = &reportState{}
	g.reports[id] = rs
	return rs
}
