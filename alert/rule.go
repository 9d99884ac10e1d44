package alert

import (
	"slices"
	"time"

	"github.com/prophasis/prophasis/internal/state"
)

// Scope says which subjects a rule watches.
type Scope string

// The scopes. Host scopes (including host groups: their member hosts) only
// ever match host transitions; service scopes only service transitions.
const (
	ScopeHosts       Scope = "hosts"
	ScopeHostGroups  Scope = "host_groups"
	ScopeServices    Scope = "services"
	ScopeAllHosts    Scope = "all_hosts"
	ScopeAllServices Scope = "all_services"
)

// Channel is one configured notifier, named for the alert log.
type Channel struct {
	ID       int64
	Name     string
	Notifier Notifier
}

// Rule says which transitions are worth telling someone about, whom to
// tell, and how insistently.
type Rule struct {
	ID       int64
	Name     string
	Disabled bool // kept so "send test" works on it, but never fires
	Scope    Scope
	Subjects []int64 // host, host group or service ids for the listed scopes
	// Plugins and Checks restrict matching to transitions caused by one of
	// them; empty means any.
	Plugins []string
	Checks  []int64
	// From and To are the states a transition must leave and enter; empty
	// means any.
	From, To []state.State
	Channels []Channel
	// Repeat resends while the problem persists unacknowledged; 0 never.
	Repeat time.Duration
	// EscalateAfter sends to Escalation once a problem has gone this long
	// unacknowledged; 0 never.
	EscalateAfter time.Duration
	Escalation    []Channel
}

// Watches reports whether the subject of tr is in the rule's scope. A
// watched subject's recovery is always followed, even when the recovery
// transition itself does not match From/To.
func (r Rule) Watches(tr Transition, groupsOf func(host int64) []int64) bool {
	if r.Disabled {
		return false
	}
	switch r.Scope {
	case ScopeAllHosts:
		return tr.Subject == SubjectHost
	case ScopeHosts:
		return tr.Subject == SubjectHost && slices.Contains(r.Subjects, tr.SubjectID)
	case ScopeHostGroups:
		return tr.Subject == SubjectHost && slices.ContainsFunc(groupsOf(tr.SubjectID), func(g int64) bool {
			return slices.Contains(r.Subjects, g)
		})
	case ScopeAllServices:
		return tr.Subject == SubjectService
	case ScopeServices:
		return tr.Subject == SubjectService && slices.Contains(r.Subjects, tr.SubjectID)
	}
	return false
}

// Matches reports whether a watched transition should notify: its states
// are among From/To and it was caused by an allowed plugin and check.
func (r Rule) Matches(tr Transition) bool {
	return anyOrContains(r.From, tr.From) && anyOrContains(r.To, tr.To) &&
		anyOrContains(r.Plugins, tr.Plugin) && anyOrContains(r.Checks, tr.CheckID)
}

func anyOrContains[T comparable](set []T, v T) bool {
	return len(set) == 0 || slices.Contains(set, v)
}
