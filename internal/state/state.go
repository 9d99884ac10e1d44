// Package state defines the health states shared by classification, ingest,
// health computation, alerting and the reports, and the one severity order
// they all agree on (report, Table 2.1):
//
//	critical > major > minor > degraded > unknown > ok > no data
//
// The same ranks are used by the SQL schema (column "severity" in rollups and
// views), so a change here needs a migration.
package state

import "fmt"

// State is a classification of one result, or the health of a host, group or
// service. Classifiers only return OK, Minor, Major, Critical or Unknown;
// Degraded exists only for redundancy groups and services; NoData means no
// result has been seen.
type State string

// The states, from least to most severe.
const (
	NoData   State = "no_data"
	OK       State = "ok"
	Unknown  State = "unknown"
	Degraded State = "degraded"
	Minor    State = "minor"
	Major    State = "major"
	Critical State = "critical"
)

// All lists every state from least to most severe.
var All = []State{NoData, OK, Unknown, Degraded, Minor, Major, Critical}

// Severity ranks a state: higher is worse. NoData is 0 and Critical is 6;
// an invalid state ranks -1 so it never wins a comparison by accident.
func (s State) Severity() int {
	switch s {
	case NoData:
		return 0
	case OK:
		return 1
	case Unknown:
		return 2
	case Degraded:
		return 3
	case Minor:
		return 4
	case Major:
		return 5
	case Critical:
		return 6
	}
	return -1
}

// FromSeverity is the inverse of Severity.
func FromSeverity(rank int) (State, error) {
	if rank < 0 || rank >= len(All) {
		return "", fmt.Errorf("state: no state has severity %d", rank)
	}
	return All[rank], nil
}

// Valid reports whether s is one of the known states.
func (s State) Valid() bool { return s.Severity() >= 0 }

// IsClassification reports whether a classifier may return s.
func (s State) IsClassification() bool {
	switch s {
	case OK, Minor, Major, Critical, Unknown:
		return true
	}
	return false
}

// IsProblem reports whether s is something on-call should hear about:
// anything worse than ok except no data.
func (s State) IsProblem() bool { return s.Severity() > OK.Severity() }

// Parse converts text to a State, rejecting anything unknown.
func Parse(text string) (State, error) {
	s := State(text)
	if !s.Valid() {
		return "", fmt.Errorf("state: unknown state %q", text)
	}
	return s, nil
}

// Worst returns the most severe of the given states, NoData for none.
func Worst(states ...State) State {
	worst := NoData
	for _, s := range states {
		if s.Severity() > worst.Severity() {
			worst = s
		}
	}
	return worst
}
