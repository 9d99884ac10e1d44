package classify

import (
	"time"

	"github.com/prophasis/prophasis/internal/state"
)

// Classifier is one version of a classifier's Lua code. Version identifies
// the code for the compile cache and the circuit breaker (e.g. a hash or the
// row's update counter); an empty Version is replaced by a hash of Code.
type Classifier struct {
	ID           string
	Version      string
	Code         string
	HistoryDepth int // how many results `values` and `messages` hold, the new one included
}

// Host is what a classifier sees of the monitored host.
type Host struct {
	ID     int64
	Name   string
	Groups []string
}

// Check is what a classifier sees of the check that produced the result.
type Check struct {
	ID   int64
	Name string
}

// Perf is one perfdata item of a Nagios-style result. Warn and Crit are
// Nagios range strings ("10", "@5:10", "~:3"), passed through verbatim.
type Perf struct {
	Label      string
	Value      *float64
	UOM        string
	Warn, Crit string
	Min, Max   *float64
}

// Result is the new plugin result to classify.
type Result struct {
	Time     time.Time
	Value    *float64
	Message  string
	Status   string // ok, error, timeout, ... as reported by the agent client
	ExitCode int
	Perfdata []Perf
}

// Input is everything one classification sees besides stored history.
type Input struct {
	Host     Host
	Check    Check
	PluginID string
	Args     map[string]string
	Result   Result
}

// Outcome is the classification of one result. State is always a valid
// classification; Err says why it is unknown when the classifier failed.
type Outcome struct {
	State  state.State
	Reason string
	Err    *Error
}

func (in Input) key() SeriesKey { return SeriesKey{HostID: in.Host.ID, PluginID: in.PluginID} }
