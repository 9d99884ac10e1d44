package sched

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"
)

type nopRunner struct{}

func (nopRunner) Run(context.Context, Job) Result { return Result{Status: StatusOK} }

type nullSink struct{}

func (nullSink) Submit(context.Context, Result) error { return nil }

// BenchmarkDispatcher measures queueing, worker hand-off and submission
// per job, spread over 100 hosts, with a runner that does nothing.
func BenchmarkDispatcher(b *testing.B) {
	d := NewDispatcher(DispatchConfig{QueueSize: 1 << 20}, nopRunner{}, nullSink{}, System{}, discard())
	i := 0
	for b.Loop() {
		_ = d.Enqueue(Job{HostID: int64(i % 100), PluginID: "p", CheckID: int64(i)})
		i++
	}
	if err := d.Shutdown(context.Background()); err != nil {
		b.Fatal(err)
	}
}

// bigExpansion is 1000 hosts in 100 groups nested ten deep, checked by
// one check through the top group and directly, with 10 plugins.
func bigExpansion() Expansion {
	e := Expansion{Checks: map[int64]Check{}, Groups: map[int64]Group{}, Hosts: map[int64]Host{}}
	c := Check{ID: 1, GroupIDs: []int64{1000}}
	for g := range int64(100) {
		grp := Group{ID: 1000 + g}
		if g%10 != 9 {
			grp.GroupIDs = []int64{1000 + g + 1}
		}
		if g%10 == 0 && g > 0 {
			c.GroupIDs = append(c.GroupIDs, 1000+g)
		}
		for h := range int64(10) {
			id := g*10 + h
			e.Hosts[id] = Host{ID: id, Name: fmt.Sprint("h", id)}
			grp.HostIDs = append(grp.HostIDs, id)
			c.HostIDs = append(c.HostIDs, id)
		}
		e.Groups[grp.ID] = grp
	}
	for p := range 10 {
		c.Plugins = append(c.Plugins, CheckPlugin{PluginID: fmt.Sprint("p", p), Args: map[string]string{"n": "1"}})
	}
	e.Checks[1] = c
	return e
}

func BenchmarkExpansionJobs(b *testing.B) {
	e := bigExpansion()
	if n := len(e.Jobs(1)); n != 10000 {
		b.Fatalf("jobs = %d", n)
	}
	for b.Loop() {
		e.Jobs(1)
	}
}

// BenchmarkTickIdle is the cost of a pass over 1000 intervals none of
// which is due: the scheduler's steady state between runs.
func BenchmarkTickIdle(b *testing.B) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var ivs []Interval
	for i := range int64(1000) {
		iv := Interval{ID: i, ScheduleID: i, Start: t0, Period: time.Hour}
		iv, _ = iv.Step(t0.Add(time.Minute), time.Second)
		ivs = append(ivs, iv)
	}
	s := New(Config{}, newFakeStore(Expansion{}, ivs...), newFakeQueue(), fixedNow(t0.Add(2*time.Minute)), discard())
	for b.Loop() {
		if _, err := s.Tick(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

type fixedNow time.Time

func (f fixedNow) Now() time.Time                       { return time.Time(f) }
func (f fixedNow) After(time.Duration) <-chan time.Time { return nil }

// BenchmarkDispatcherWaiting is B7's round held in the dispatcher: 10,000
// hosts × 10 plugins enqueued with due times spread over five minutes. It
// reports the heap held per waiting job and the goroutines it takes (one
// waker, no worker while nothing is due).
func BenchmarkDispatcherWaiting(b *testing.B) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	const hosts, plugins = 10000, 10
	var ms0, ms1 runtime.MemStats
	for b.Loop() {
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&ms0)
		g0 := runtime.NumGoroutine()
		b.StartTimer()
		d := NewDispatcher(DispatchConfig{}, nopRunner{}, nullSink{}, fixedNow(t0), discard())
		for h := range int64(hosts) {
			due := t0.Add(time.Second + PhaseOffset(h, 1, 5*time.Minute))
			for p := range plugins {
				_ = d.Enqueue(Job{HostID: h, PluginID: pluginNames[p], CheckID: 1, Due: due})
			}
		}
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&ms1)
		b.ReportMetric(float64(ms1.HeapAlloc-ms0.HeapAlloc)/(hosts*plugins), "heap-B/job")
		b.ReportMetric(float64(runtime.NumGoroutine()-g0), "goroutines")
		if err := d.Shutdown(context.Background()); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

var pluginNames = []string{"p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9"}
