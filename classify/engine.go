// Package classify runs classifiers: Lua code that turns a plugin result,
// the recent results of the same host and plugin, and history windows into a
// classification (ok, minor, major, critical, unknown) and a reason.
//
// The code runs in a sandbox on gopher-lua: no os, io, load or require, a
// read-only helper library, a time limit per run and bounds on the
// operations that allocate. Any failure classifies as unknown and is handed
// to an ErrorSink, rate-limited, with a circuit breaker per classifier.
// Stored history is read through the History interface (implemented by
// package query); classify never writes anything.
package classify

import (
	"context"
	"fmt"
	"time"

	"github.com/prophasis/prophasis/internal/state"
)

// Engine classifies results. It is safe for concurrent use: each run takes
// a Lua state of its own from a pool.
type Engine struct {
	cfg   Config
	hist  History
	now   func() time.Time
	cache *protoCache
	idle  chan *sandbox
	guard *guard
}

// New returns an Engine. hist may be nil (history calls then fail and only
// the new result is in `values`), sink may be nil, now defaults to time.Now.
func New(cfg Config, hist History, sink ErrorSink, now func() time.Time) (*Engine, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if now == nil {
		now = time.Now
	}
	e := &Engine{cfg: cfg, hist: hist, now: now, cache: newProtoCache(cfg.CacheSize, cfg.MaxCodeBytes),
		idle: make(chan *sandbox, cfg.IdleStates)}
	e.guard = newGuard(&e.cfg, sink, now)
	return e, nil
}

// Classify runs cls on the new result in. Its error is non-nil only when ctx
// ended (shutdown): the outcome must then be dropped, not stored. Every
// other failure is an unknown Outcome with Err set, reported to the sink.
func (e *Engine) Classify(ctx context.Context, cls Classifier, in Input) (Outcome, error) {
	cls = codeVersion(cls)
	if !e.guard.allow(cls) {
		out := unknown(&Error{ClassifierID: cls.ID, Version: cls.Version, Kind: KindBreaker, Message: ErrBreakerOpen.Error()})
		return out, nil
	}
	out, err := e.run(ctx, cls, in, e.hist)
	if err != nil {
		return out, err
	}
	e.guard.record(ctx, cls, out.Err)
	return out, nil
}

// run classifies one result without the breaker or the sink.
func (e *Engine) run(ctx context.Context, cls Classifier, in Input, hist History) (Outcome, error) {
	proto, err := e.cache.get(cls)
	if err != nil {
		return unknown(newError(cls, KindSyntax, err)), nil
	}
	if in.Result.Time.IsZero() {
		in.Result.Time = e.now()
	}
	prev, err := e.previous(ctx, cls, in, hist)
	if err != nil {
		if ctx.Err() != nil {
			return Outcome{}, fmt.Errorf("classify %s: %w", cls.ID, ctx.Err())
		}
		return unknown(newError(cls, KindHistory, err)), nil
	}
	s := e.get()
	r := &run{in: in, prev: prev, key: in.key(), at: in.Result.Time, hist: hist}
	ret, reason, runErr := s.exec(ctx, e.cfg.Timeout, proto, r)
	if ctx.Err() != nil {
		s.close()
		return Outcome{}, fmt.Errorf("classify %s: %w", cls.ID, ctx.Err())
	}
	if out, failed := e.failure(cls, s, r, runErr); failed {
		s.close()
		return out, nil
	}
	e.put(s)
	return e.interpret(cls, ret, reason), nil
}

// previous reads the results before the new one that `values` and
// `messages` show, newest first.
func (e *Engine) previous(ctx context.Context, cls Classifier, in Input, hist History) ([]Point, error) {
	depth := min(cls.HistoryDepth, e.cfg.MaxHistoryDepth)
	if depth <= 1 || hist == nil {
		return nil, nil
	}
	ctx, cancel := context.WithTimeout(ctx, e.cfg.Timeout)
	defer cancel()
	prev, err := hist.Last(ctx, in.key(), in.Result.Time, depth-1)
	if len(prev) > depth-1 {
		prev = prev[:depth-1]
	}
	return prev, err
}

func unknown(err *Error) Outcome { return Outcome{State: state.Unknown, Err: err} }

func (e *Engine) get() *sandbox {
	select {
	case s := <-e.idle:
		return s
	default:
		return newSandbox(&e.cfg)
	}
}

// put returns a state that finished cleanly to the pool, or closes it when
// the pool is full.
func (e *Engine) put(s *sandbox) {
	select {
	case e.idle <- s:
	default:
		s.close()
	}
}
