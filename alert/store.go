package alert

import (
	"context"
	"time"

	"github.com/prophasis/prophasis/internal/state"
)

// Store is what the engine needs from the database: the configuration, the
// persisted per rule × subject state, the alert log and acknowledgements.
type Store interface {
	// Setup loads every rule (with its channels), maintenance window,
	// open acknowledgement and host-group membership.
	Setup(ctx context.Context) (Setup, error)
	// States loads the persisted state of every rule × subject.
	States(ctx context.Context) ([]Status, error)
	// SaveStates upserts states by rule and subject.
	SaveStates(ctx context.Context, states []Status) error
	// AppendLog records notification attempts.
	AppendLog(ctx context.Context, entries []LogEntry) error
	// ClearAcks closes the open acknowledgements of recovered subjects.
	ClearAcks(ctx context.Context, subjects []SubjectRef, at time.Time) error
}

// Setup is the alerting configuration at one moment.
type Setup struct {
	Rules   []Rule
	Windows []Window
	// Acked holds subjects with an open acknowledgement.
	Acked map[SubjectRef]bool
	// Groups maps a host to every group containing it, through nesting.
	Groups map[int64][]int64
}

func (s Setup) groupsOf(host int64) []int64 { return s.Groups[host] }

func (s Setup) rule(id int64) (Rule, bool) {
	for _, r := range s.Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// Key identifies the state of one rule for one subject.
type Key struct {
	RuleID  int64
	Subject SubjectRef
}

// Status is what the engine remembers about one rule and one subject, so
// that a restart neither re-sends nor forgets.
type Status struct {
	Key
	State state.State // the subject's health as last seen
	Since time.Time   // when the current problem (or problem-free) episode began
	// Notified is the state of the last notification that went out; a
	// problem state here means a recovery is owed.
	Notified     state.State
	LastNotified time.Time
	Escalated    time.Time // zero until the escalation went out
	// Pending is a notification waiting for its group window to close (or
	// for a maintenance window to end); PendingSince starts that window.
	Pending      Kind
	PendingSince time.Time
	// Muted is the reason last logged for holding Pending back, so the log
	// gets one line per window, not one per tick.
	Muted string
	// Last is the latest transition, which later notifications describe.
	Last Transition
}

// Outcome is what happened to one notification attempt.
type Outcome string

// The outcomes written to the alert log.
const (
	OutcomeSent   Outcome = "sent"
	OutcomeFailed Outcome = "failed"
	OutcomeMuted  Outcome = "muted"
)

// LogEntry is one line of the alert log.
type LogEntry struct {
	At          time.Time
	RuleID      int64
	RuleName    string
	ChannelID   int64 // 0 when no channel was tried (muted)
	ChannelName string
	Subject     SubjectRef
	SubjectName string
	Kind        Kind
	From, To    state.State
	Outcome     Outcome
	Reason      string // error or why it was muted
	Attempts    int
}
