package api

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/prophasis/prophasis/agent/perfdata"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/sched"
)

// maxPushed bounds one POST /results batch.
const maxPushed = 1000

// pushIn is the body of POST /results.
type pushIn struct {
	Results []pushedResult `json:"results"`
}

// pushedResult is one result from outside for a host (by name or id) and
// a plugin (by id or name). Time defaults to when it is received.
type pushedResult struct {
	Host     string           `json:"host"`
	HostID   int64            `json:"host_id"`
	Plugin   string           `json:"plugin"`
	Time     *time.Time       `json:"time"`
	Value    *float64         `json:"value"`
	Message  string           `json:"message"`
	Status   string           `json:"status"`
	Perfdata []perfdata.Point `json:"perfdata"`
}

// pushStatuses are the run statuses a pushed result may claim.
var pushStatuses = []sched.Status{sched.StatusOK, sched.StatusPluginError, sched.StatusTimeout}

// validate checks the batch without the database; fields are named
// results[i].field so a client finds the offending entry.
func (in pushIn) validate(now time.Time) error {
	var k checker
	k.rule("results", len(in.Results) == 0, "at least one result is required")
	k.rule("results", len(in.Results) > maxPushed, fmt.Sprintf("at most %d results per request", maxPushed))
	if k.err != nil {
		return k.err
	}
	for i, r := range in.Results {
		var fe *fieldError
		if err := r.validate(now); errors.As(err, &fe) {
			return invalid(fmt.Sprintf("results[%d].%s", i, fe.Field), fe.Message)
		}
	}
	return nil
}

// validate checks one entry; field names are relative to it and only
// formatted on failure (a batch holds up to 1000 entries).
func (r pushedResult) validate(now time.Time) error {
	var k checker
	k.rule("host", (r.Host == "") == (r.HostID == 0), "give exactly one of host (name) and host_id")
	k.text("host", r.Host, false, 200)
	k.text("plugin", r.Plugin, true, 200)
	k.text("message", r.Message, false, 8<<10)
	k.rule("status", r.Status != "" && !slices.Contains(pushStatuses, sched.Status(r.Status)),
		"must be ok, plugin_error or timeout")
	k.rule("time", r.Time != nil && r.Time.After(now.Add(5*time.Minute)), "must not be in the future")
	k.rule("time", r.Time != nil && r.Time.Year() < 2000, "must be after the year 2000")
	k.rule("value", r.Value != nil && (math.IsNaN(*r.Value) || math.IsInf(*r.Value, 0)), "must be finite")
	k.rule("perfdata", len(r.Perfdata) > 100, "at most 100 points")
	for j, p := range r.Perfdata {
		if k.text("label", p.Label, true, 200); k.err != nil {
			return invalid(fmt.Sprintf("perfdata[%d].label", j), k.err.(*fieldError).Message)
		}
	}
	return k.err
}

// result turns an entry into what the pipeline classifies; CheckID 0
// marks it pushed (stored with check_id NULL).
func (r pushedResult) result(host storage.HostRef, pluginID string) sched.Result {
	out := sched.Result{Job: sched.Job{HostID: host.ID, HostName: host.Name, Address: host.Address, PluginID: pluginID},
		Status: sched.StatusOK, Value: r.Value, Message: r.Message, Perfdata: r.Perfdata}
	if r.Status != "" {
		out.Status = sched.Status(r.Status)
	}
	if r.Time != nil {
		out.Time = r.Time.UTC()
	}
	return out
}
