// Package alert turns health transitions into notifications: it matches
// transitions to rules, mutes them during maintenance or after an
// acknowledgement, repeats, escalates, retries, groups bursts and makes sure
// every problem that was sent also gets its recovery. Channels (email,
// webhook, chat, script) are Notifiers in their own sub-packages; everything
// around them lives here so that no channel re-implements muting or retries.
package alert

import (
	"context"
	"time"

	"github.com/prophasis/prophasis/internal/state"
)

// Notifier delivers one notification over one channel. It reports retry=true
// when the failure is worth another attempt (network error, 5xx, timeout) so
// the pipeline, not the channel, decides how often and how long to retry.
type Notifier interface {
	Notify(ctx context.Context, n Notification) (retry bool, err error)
}

// SubjectKind says what a transition is about; host rules only ever see host
// transitions and service rules only service transitions.
type SubjectKind string

// The kinds of subject whose health can change.
const (
	SubjectHost      SubjectKind = "host"
	SubjectService   SubjectKind = "service"
	SubjectHostGroup SubjectKind = "host_group"
)

// Transition is one change of health of a host, host group or service, with
// the result that caused it when there is one (Plugin, Check, Value, Message).
type Transition struct {
	Subject   SubjectKind `json:"subject"`
	SubjectID int64       `json:"subject_id"`
	Name      string      `json:"name"`
	From      state.State `json:"from"`
	To        state.State `json:"to"`
	At        time.Time   `json:"at"`
	Plugin    string      `json:"plugin,omitempty"`
	Check     string      `json:"check,omitempty"`
	CheckID   int64       `json:"check_id,omitempty"`
	Value     *float64    `json:"value,omitempty"`
	Message   string      `json:"message,omitempty"`
	// URL links to the subject's page; filled in by Templates.Render.
	URL string `json:"url,omitempty"`
}

// Kind says why a notification is sent, so channels can choose colour,
// priority or wording without parsing text.
type Kind string

// The kinds of notification.
const (
	KindProblem    Kind = "problem"
	KindRecovery   Kind = "recovery"
	KindRepeat     Kind = "repeat"
	KindEscalation Kind = "escalation"
	KindTest       Kind = "test"
)

// Notification is what a Notifier delivers: the transitions (several when a
// burst was grouped) and the text rendered once by Templates.
type Notification struct {
	Kind        Kind         `json:"kind"`
	Rule        string       `json:"rule"`
	Transitions []Transition `json:"transitions"`
	Title       string       `json:"title"`
	Text        string       `json:"text"`
	// HTML is the email body; it is already escaped and never sent to
	// channels that render their own markup.
	HTML string `json:"-"`
}

// Worst is the most severe target state of the notification's transitions,
// which channels use for colour and priority.
func (n Notification) Worst() state.State {
	worst := state.NoData
	for _, t := range n.Transitions {
		worst = state.Worst(worst, t.To)
	}
	return worst
}
