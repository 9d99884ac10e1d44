// Package alerttest provides sample notifications and a recording notifier
// for tests of the alert pipeline and of each channel.
package alerttest

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/state"
)

// Notification renders a problem notification for a host whose name and
// message carry markup, so channel tests also prove escaping.
func Notification(t testing.TB) alert.Notification {
	t.Helper()
	v := 97.5
	tr := alert.Transition{
		Subject: alert.SubjectHost, SubjectID: 7, Name: `web1 <b>"x"</b>`,
		From: state.OK, To: state.Critical, At: time.Date(2026, 3, 1, 12, 30, 0, 0, time.UTC),
		Plugin: "com.example.cpu_load", Check: "linux", Value: &v, Message: "load high & <rising>",
	}
	tmpl, err := alert.NewTemplates("https://mon.example.com", "", "", "")
	if err != nil {
		t.Fatal(err)
	}
	n, err := tmpl.Render(alert.KindProblem, "on-call", []alert.Transition{tr})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Recorder is a Notifier that remembers what it was given and fails after
// FailNext, for pipeline tests.
type Recorder struct {
	mu    sync.Mutex
	got   []alert.Notification
	fails int
}

var _ alert.Notifier = (*Recorder)(nil)

// FailNext makes the next n calls fail with a retryable error.
func (r *Recorder) FailNext(n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.fails = n
}

// Notify records n, or fails if FailNext asked for it.
func (r *Recorder) Notify(_ context.Context, n alert.Notification) (bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fails > 0 {
		r.fails--
		return true, errors.New("recorder: told to fail")
	}
	r.got = append(r.got, n)
	return false, nil
}

// Got returns the notifications delivered so far.
func (r *Recorder) Got() []alert.Notification {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]alert.Notification(nil), r.got...)
}
