package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/sched"
)

// Classifier classifies one result; *classify.Engine implements it.
type Classifier interface {
	Classify(ctx context.Context, cls classify.Classifier, in classify.Input) (classify.Outcome, error)
}

// Submitter takes classified results; *Writer implements it.
type Submitter interface {
	Submit(ctx context.Context, r Result) error
}

// Stage classifies results and hands them on: it is the dispatcher's
// sched.Sink and the entry of passive results, so every result takes the
// same path. Classification runs in the caller's goroutine (the host's
// dispatch worker), so hosts are classified in parallel.
type Stage struct {
	engine Classifier
	lookup *Lookup
	next   Submitter
	logger *slog.Logger
}

var _ sched.Sink = (*Stage)(nil)

// NewStage returns a Stage classifying with engine and submitting to next.
func NewStage(engine Classifier, lookup *Lookup, next Submitter, logger *slog.Logger) *Stage {
	return &Stage{engine: engine, lookup: lookup, next: next, logger: logger.With("component", "classify")}
}

// Submit classifies r and submits it. A result that could not be
// classified (missing configuration, database down, shutdown) is still
// stored, as unknown with the reason, so that nothing the agent said is lost.
func (s *Stage) Submit(ctx context.Context, r sched.Result) error {
	if r.Time.IsZero() { // a pushed result without a time: classified and stored as of now
		r.Time = time.Now().UTC()
	}
	st, reason, err := s.classify(ctx, r)
	if err != nil {
		st, reason = state.Unknown, cleanText("not classified: "+err.Error(), maxReason)
		s.logger.Warn("result not classified", "job", r.Job, "err", err)
	}
	return s.next.Submit(ctx, Result{Result: r, State: st, Reason: reason})
}

// classify applies the plugin's classifier. A run without a plugin verdict
// (connection error, timeout, ...) is unknown without running Lua; a
// plugin without any classifier is ok when it ran.
func (s *Stage) classify(ctx context.Context, r sched.Result) (state.State, string, error) {
	if r.Status != sched.StatusOK {
		return state.Unknown, string(r.Status), nil
	}
	cls, err := s.lookup.Classifier(ctx, r.Job.PluginID, r.Job.CheckID)
	if err != nil || cls == nil {
		return state.OK, "no classifier", err
	}
	in, err := s.input(ctx, r)
	if err != nil {
		return "", "", err
	}
	out, err := s.engine.Classify(ctx, *cls, in)
	if err != nil {
		return "", "", fmt.Errorf("classifier %s: %w", cls.ID, err)
	}
	if out.Err != nil { // already in the system log through the engine's ErrorSink
		return state.Unknown, out.Err.Error(), nil
	}
	return out.State, out.Reason, nil
}

// input builds what the classifier sees.
func (s *Stage) input(ctx context.Context, r sched.Result) (classify.Input, error) {
	host, err := s.lookup.Host(ctx, r.Job.HostID)
	if err != nil {
		return classify.Input{}, err
	}
	checkName, err := s.lookup.CheckName(ctx, r.Job.CheckID)
	if err != nil {
		return classify.Input{}, err
	}
	in := classify.Input{Host: host, Check: classify.Check{ID: r.Job.CheckID, Name: checkName},
		PluginID: r.Job.PluginID, Args: r.Job.Args,
		Result: classify.Result{Time: r.Time, Value: finite(r.Value), Message: r.Message, Status: string(r.Status),
			ExitCode: r.ExitCode}}
	for _, p := range r.Perfdata {
		in.Result.Perfdata = append(in.Result.Perfdata, classify.Perf{Label: p.Label, Value: finite(p.Value), UOM: p.UOM,
			Warn: p.Warn, Crit: p.Crit, Min: finite(p.Min), Max: finite(p.Max)})
	}
	return in, nil
}
