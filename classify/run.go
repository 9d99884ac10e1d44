package classify

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/prophasis/prophasis/internal/state"
)

// run is what the history functions need to know about the current run.
type run struct {
	in      Input
	prev    []Point
	env     *lua.LTable
	key     SeriesKey
	at      time.Time
	hist    History
	calls   int
	histErr error
	timeout bool
}

// exec runs proto once in a fresh environment under the time limit and
// returns its first two return values.
func (s *sandbox) exec(ctx context.Context, timeout time.Duration, proto *lua.FunctionProto, r *run) (ret, reason lua.LValue, err error) {
	s.deadline.start(ctx, timeout)
	s.allocLeft, s.limitErr, s.run = s.cfg.MaxAllocBytes, "", r
	defer func() { s.run = nil }()
	fn := s.L.NewFunctionFromProto(proto)
	r.env = s.environment()
	fn.Env = r.env
	s.L.SetContext(s.deadline)
	s.L.Push(fn)
	err = s.L.PCall(0, 2, nil)
	if err == nil {
		ret, reason = s.L.Get(-2), s.L.Get(-1)
	}
	r.timeout = !s.deadline.stop()
	s.L.RemoveContext()
	s.L.SetTop(0)
	return ret, reason, err
}

// failure turns whatever went wrong in a run into an unknown outcome; a
// limit or history failure counts even if the code caught it with pcall.
func (e *Engine) failure(cls Classifier, s *sandbox, r *run, err error) (Outcome, bool) {
	switch {
	case r.timeout:
		return unknown(&Error{ClassifierID: cls.ID, Version: cls.Version, Kind: KindTimeout,
			Message: fmt.Sprintf("the run exceeded the time limit of %s", e.cfg.Timeout)}), true
	case s.limitErr != "":
		out := unknown(newError(cls, KindLimit, errors.New(s.limitErr)))
		if err != nil {
			out.Err.Line = newError(cls, KindLimit, err).Line
		}
		return out, true
	case r.histErr != nil:
		return unknown(newError(cls, KindHistory, r.histErr)), true
	case err != nil:
		return unknown(newError(cls, KindRuntime, err)), true
	}
	return Outcome{}, false
}

// interpret checks the return values: a classification name and an
// optional reason, trimmed and capped.
func (e *Engine) interpret(cls Classifier, ret, reason lua.LValue) Outcome {
	bad := func(format string, args ...any) Outcome {
		return unknown(&Error{ClassifierID: cls.ID, Version: cls.Version, Kind: KindResult, Message: fmt.Sprintf(format, args...)})
	}
	name, ok := ret.(lua.LString)
	if !ok {
		return bad("returned %s instead of \"ok\", \"minor\", \"major\", \"critical\" or \"unknown\"", describe(ret))
	}
	st := state.State(name)
	if !st.IsClassification() {
		return bad("returned %.40q, not one of \"ok\", \"minor\", \"major\", \"critical\", \"unknown\"", string(name))
	}
	out := Outcome{State: st}
	switch r := reason.(type) {
	case lua.LString, lua.LNumber:
		text := strings.TrimSpace(strings.ToValidUTF8(r.String(), "\uFFFD"))
		out.Reason = truncate(text, e.cfg.MaxReason)
	case *lua.LNilType:
	default:
		return bad("returned a %s as the reason; want a string", reason.Type().String())
	}
	return out
}

func describe(v lua.LValue) string {
	if v == nil || v == lua.LNil {
		return "nothing"
	}
	return "a " + v.Type().String()
}
