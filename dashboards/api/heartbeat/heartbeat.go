// Package heartbeat turns heartbeats ("dead man's switch" checks) into
// ordinary results: a beat is an ok result, and Checker produces a
// critical one for every period in which no beat arrived. Both go through
// the same classification and ingest path (a sched.Sink) as pulled results,
// under the builtin plugin PluginID, whose default classifier an admin may
// edit like any other.
package heartbeat

import (
	_ "embed"
	"fmt"
	"time"

	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/sched"
)

// PluginID is the builtin plugin heartbeat results are stored under.
const PluginID = "prophasis.heartbeat"

//go:embed classifier.lua
var classifier string

// Plugin is the builtin plugin row and default classifier; create it with
// storage.EnsureBuiltinPlugin before the first heartbeat.
func Plugin() storage.BuiltinPlugin {
	return storage.BuiltinPlugin{ID: PluginID, Name: "Heartbeat", Classifier: classifier,
		Description: "Dead man's switch: critical when no heartbeat arrives within the expected period."}
}

// Beat is the result of a heartbeat that arrived at now.
func Beat(hb storage.Heartbeat, now time.Time) sched.Result {
	return result(hb, now, 1, "heartbeat received")
}

// Missed is the result of a period without heartbeat, as seen at now.
func Missed(hb storage.Heartbeat, now time.Time) sched.Result {
	msg := fmt.Sprintf("no heartbeat since it was created %s ago (expected every %s)",
		now.Sub(hb.CreatedAt).Round(time.Second), hb.Period)
	if hb.LastBeat != nil {
		msg = fmt.Sprintf("no heartbeat for %s (expected every %s)", now.Sub(*hb.LastBeat).Round(time.Second), hb.Period)
	}
	return result(hb, now, 0, msg)
}

func result(hb storage.Heartbeat, now time.Time, value float64, msg string) sched.Result {
	return sched.Result{Job: sched.Job{HostID: hb.HostID, HostName: hb.HostName, PluginID: PluginID,
		CheckID: hb.CheckID, Due: now}, Time: now.UTC(), Status: sched.StatusOK, Value: &value, Message: msg}
}
