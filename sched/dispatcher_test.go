package sched

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func job(host int64, plugin string) Job {
	return Job{HostID: host, HostName: fmt.Sprintf("h%d", host), PluginID: plugin, CheckID: 1}
}

func TestDispatcherOneInFlightPerHost(t *testing.T) {
	run, sink := newFakeRunner(), newFakeSink()
	gate := make(chan struct{})
	for h := range int64(20) {
		run.gates[h] = gate // first runs wait until every host has one running
	}
	d := NewDispatcher(DispatchConfig{QueueSize: 64}, run, sink, System{}, discard())
	for p := range 50 {
		for h := range int64(20) {
			if err := d.Enqueue(job(h, fmt.Sprint("p", p))); err != nil {
				t.Fatal(err)
			}
		}
	}
	receive(t, run.started, 20)
	close(gate)
	if err := d.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	receive(t, sink.got, 1000)
	if got := run.maxHost.Load(); got != 1 {
		t.Errorf("max runs in flight for one host = %d, want 1", got)
	}
	if got := run.maxTotal.Load(); got != 20 {
		t.Errorf("max runs in flight overall = %d, want hosts running in parallel", got)
	}
	if s := d.Stats(); s.Completed != 1000 || s.Queued != 1000 || s.Hosts != 0 {
		t.Errorf("stats = %+v", s)
	}
}

func TestDispatcherDedupAndBound(t *testing.T) {
	run, sink := newFakeRunner(), newFakeSink()
	run.gates[1] = make(chan struct{})
	d := NewDispatcher(DispatchConfig{QueueSize: 3}, run, sink, System{}, discard())
	withArgs := job(1, "disk")
	withArgs.Args = map[string]string{"mount": "/var"}
	steps := []struct {
		name string
		job  Job
		want error
	}{
		{"first run starts", job(1, "cpu"), nil},
		{"same job may queue while one runs", job(1, "cpu"), nil},
		{"same job queued twice is refused", job(1, "cpu"), ErrDuplicate},
		{"other plugin queues", job(1, "disk"), nil},
		{"other arguments queue", withArgs, nil},
		{"full queue drops the newest", job(1, "mem"), ErrQueueFull},
		{"other hosts unaffected", job(2, "cpu"), nil},
	}
	for i, st := range steps {
		if err := d.Enqueue(st.job); !errors.Is(err, st.want) {
			t.Fatalf("%s: err = %v, want %v", st.name, err, st.want)
		}
		if i == 0 {
			receive(t, run.started, 1)
		}
	}
	if s := d.Stats(); s.Duplicates != 1 || s.Dropped != 1 || s.Queued != 5 {
		t.Errorf("stats = %+v", s)
	}
	close(run.gates[1])
	if err := d.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := len(receive(t, sink.got, 5)); got != 5 {
		t.Errorf("results = %d", got)
	}
}

func TestDispatcherHungHostDoesNotStallOthers(t *testing.T) {
	run, sink := newFakeRunner(), newFakeSink()
	run.gates[0] = make(chan struct{}) // never opened
	d := NewDispatcher(DispatchConfig{QueueSize: 4}, run, sink, System{}, discard())
	for _, p := range []string{"a", "b", "c"} {
		if err := d.Enqueue(job(0, p)); err != nil {
			t.Fatal(err)
		}
	}
	for h := int64(1); h <= 50; h++ {
		for _, p := range []string{"a", "b"} {
			if err := d.Enqueue(job(h, p)); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, r := range receive(t, sink.got, 100) {
		if r.Job.HostID == 0 {
			t.Fatal("hung host produced a result")
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := d.Shutdown(ctx)
	if !errors.Is(err, ErrDrainTimeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("shutdown err = %v", err)
	}
	r := receive(t, sink.got, 1)[0]
	if r.Job.HostID != 0 || r.Status != StatusTimeout {
		t.Errorf("cancelled run result = %+v", r)
	}
	if s := d.Stats(); s.Dropped != 2 || s.Completed != 101 || s.InFlight != 0 {
		t.Errorf("stats = %+v", s)
	}
}

func TestDispatcherDeadlinePerCheck(t *testing.T) {
	run, sink := newFakeRunner(), newFakeSink()
	run.gates[7] = make(chan struct{})
	d := NewDispatcher(DispatchConfig{Grace: time.Millisecond}, run, sink, System{}, discard())
	j := job(7, "slow")
	j.Timeout = 20 * time.Millisecond
	if err := d.Enqueue(j); err != nil {
		t.Fatal(err)
	}
	if r := receive(t, sink.got, 1)[0]; r.Status != StatusTimeout || r.Job.PluginID != "slow" || r.Time.IsZero() {
		t.Errorf("result = %+v", r)
	}
	if err := d.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := d.Enqueue(j); !errors.Is(err, ErrShutDown) {
		t.Errorf("enqueue after shutdown: %v", err)
	}
}

// TestDispatcherWorkerRetirementRace enqueues each host's next job the
// moment its previous result arrives, i.e. exactly while the worker is
// deciding to retire; a stranded job would never produce a result.
func TestDispatcherWorkerRetirementRace(t *testing.T) {
	run, sink := newFakeRunner(), newFakeSink()
	d := NewDispatcher(DispatchConfig{}, run, sink, System{}, discard())
	const hosts, rounds = 8, 300
	for h := range int64(hosts) {
		if err := d.Enqueue(job(h, "p")); err != nil {
			t.Fatal(err)
		}
	}
	for range hosts * (rounds - 1) {
		r := receive(t, sink.got, 1)[0]
		if err := d.Enqueue(r.Job); err != nil {
			t.Fatal(err)
		}
	}
	receive(t, sink.got, hosts)
	if err := d.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if s := d.Stats(); s.Completed != hosts*rounds || s.Hosts != 0 || run.maxHost.Load() != 1 {
		t.Errorf("stats = %+v, max per host %d", s, run.maxHost.Load())
	}
}

func TestQueueFullLogHidesArguments(t *testing.T) {
	var logs bytes.Buffer
	run, sink := newFakeRunner(), newFakeSink()
	run.gates[3] = make(chan struct{})
	d := NewDispatcher(DispatchConfig{QueueSize: 1}, run, sink, System{}, slog.New(slog.NewTextHandler(&logs, nil)))
	for i := range 3 {
		j := job(3, "http")
		j.Args = map[string]string{"url": fmt.Sprintf("https://user:hunter2@example.test/%d", i)}
		err := d.Enqueue(j)
		if i == 0 {
			receive(t, run.started, 1)
		}
		if i == 2 && !errors.Is(err, ErrQueueFull) {
			t.Fatalf("third job: %v", err)
		}
	}
	close(run.gates[3])
	if err := d.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if out := logs.String(); !strings.Contains(out, "job.host_id=3") || strings.Contains(out, "hunter2") {
		t.Errorf("log:\n%s", out)
	}
}

type panicRunner struct{}

func (panicRunner) Run(_ context.Context, j Job) Result {
	if j.PluginID == "boom" {
		panic("bug in a runner")
	}
	return Result{Status: StatusOK}
}

func TestDispatcherSurvivesPanickingRunner(t *testing.T) {
	sink := newFakeSink()
	d := NewDispatcher(DispatchConfig{}, panicRunner{}, sink, System{}, discard())
	for _, p := range []string{"boom", "fine"} {
		if err := d.Enqueue(job(1, p)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := receive(t, sink.got, 2)
	if got[0].Status != StatusPluginError || got[1].Status != StatusOK {
		t.Errorf("results = %+v", got)
	}
}
