package classify

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
)

// Kind says which part of a classification failed.
type Kind string

// The kinds of classifier failure.
const (
	KindSyntax  Kind = "syntax"  // the code does not compile
	KindRuntime Kind = "runtime" // a Lua error while running
	KindTimeout Kind = "timeout" // the run exceeded the time limit
	KindLimit   Kind = "limit"   // a memory, size or call limit was hit
	KindResult  Kind = "result"  // the return value is not a classification
	KindHistory Kind = "history" // a history read failed
	KindBreaker Kind = "breaker" // not run: the classifier failed too often in a row
)

// chunkName is the name Lua errors carry for classifier code, so that the
// line can be told apart from any text in the message.
const chunkName = "classifier"

// maxErrorMessage caps what a classifier can put in the system log.
const maxErrorMessage = 512

// Error describes a failed classification for the system log: which
// classifier, which line (0 if unknown) and what went wrong.
type Error struct {
	ClassifierID string
	Version      string
	Kind         Kind
	Line         int
	Message      string
}

// Error formats the failure like a compiler diagnostic.
func (e *Error) Error() string {
	where := "classifier " + e.ClassifierID
	if e.ClassifierID == "" {
		where = "classifier"
	}
	if e.Line > 0 {
		where += fmt.Sprintf(" line %d", e.Line)
	}
	return fmt.Sprintf("%s: %s: %s", where, e.Kind, e.Message)
}

// ErrBreakerOpen is the message of outcomes skipped by the circuit breaker.
var ErrBreakerOpen = errors.New("classifier failed repeatedly; skipped until the cool-down ends")

var luaPosition = regexp.MustCompile(chunkName + `:(\d+):\s*`)

// newError builds an Error from anything the parser, compiler or VM raised.
func newError(cls Classifier, kind Kind, err error) *Error {
	e := &Error{ClassifierID: cls.ID, Version: cls.Version, Kind: kind}
	msg := err.Error()
	var perr *parse.Error
	var cerr *lua.CompileError
	var api *lua.ApiError
	switch {
	case errors.As(err, &cerr):
		e.Line, msg = cerr.Line, cerr.Message
	case errors.As(err, &perr):
		e.Line, msg = perr.Pos.Line, perr.Message
		if perr.Token != "" {
			msg = fmt.Sprintf("%s near %q", msg, perr.Token)
		}
	case errors.As(err, &api) && api.Object != nil:
		msg = api.Object.String()
	}
	if m := luaPosition.FindStringSubmatchIndex(msg); m != nil {
		e.Line, _ = strconv.Atoi(msg[m[2]:m[3]])
		msg = msg[:m[0]] + msg[m[1]:]
	}
	e.Message = truncate(strings.TrimSpace(msg), maxErrorMessage)
	return e
}

// truncate cuts s to at most n bytes without splitting a UTF-8 sequence.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && cut > n-4 && !isRuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
