// Package sched turns schedules into due checks and runs them: intervals walk
// forward from their start time, checks expand into (host, plugin) jobs, and
// a dispatcher keeps one queue per host with exactly one check in flight per
// host, so a slow or hung host never delays any other.
package sched

import (
	"encoding/json"
	"log/slog"
	"time"

	"github.com/prophasis/prophasis/agent/perfdata"
)

// Status says whether a run produced a plugin result at all. Anything but
// StatusOK means the plugin's own verdict is missing and classification
// should treat the result as unknown.
type Status string

// The statuses a run can end with; the results table stores the same text.
const (
	StatusOK              Status = "ok"
	StatusPluginError     Status = "plugin_error"
	StatusConnectionError Status = "connection_error"
	StatusTimeout         Status = "timeout"
	StatusAuthError       Status = "auth_error"
	StatusRequestError    Status = "request_error"
)

// Job is one run of one plugin on one host for one check, as queued in the
// dispatcher. HostName and Address travel along so runners and logs need
// no lookup; they are not part of the job's identity.
type Job struct {
	HostID   int64
	HostName string
	Address  string
	PluginID string
	CheckID  int64
	Args     map[string]string
	// Due is the scheduled time the job belongs to.
	Due time.Time
	// Timeout is the plugin's own run timeout; the dispatcher's deadline
	// is this plus a grace period, or its default when zero.
	Timeout time.Duration
}

// JobKey identifies a job for de-duplication: the same host, plugin, check
// and arguments queued twice is one job.
type JobKey struct {
	HostID   int64
	PluginID string
	CheckID  int64
	Args     string
}

// Key returns the job's identity. Arguments are canonicalised through
// encoding/json, which sorts map keys.
func (j Job) Key() JobKey {
	return JobKey{HostID: j.HostID, PluginID: j.PluginID, CheckID: j.CheckID, Args: canonicalArgs(j.Args)}
}

func canonicalArgs(args map[string]string) string {
	if len(args) == 0 {
		return ""
	}
	b, _ := json.Marshal(args) // a map[string]string always marshals
	return string(b)
}

// Result is what a run produced. Agent runs, server-side checks and passive
// results all take this shape, so they share one classification and ingest
// path.
type Result struct {
	Job Job
	// Time is when the run started.
	Time     time.Time
	Duration time.Duration
	Status   Status
	// Value is nil when the plugin reported no number.
	Value    *float64
	Message  string
	ExitCode int
	// Perfdata is the parsed performance data of Nagios-style plugins.
	Perfdata []perfdata.Point
}

// LogValue keeps log lines about a job short and free of arguments, which
// may hold secrets a user typed into a check.
func (j Job) LogValue() slog.Value {
	return slog.GroupValue(slog.Int64("host_id", j.HostID), slog.String("host", j.HostName),
		slog.String("plugin", j.PluginID), slog.Int64("check_id", j.CheckID))
}
