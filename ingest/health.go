package ingest

import (
	"context"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/query"
)

// serviceTransitions derives the service transitions that a batch's host
// transitions caused, with query's health rules (worst dependency,
// redundancy groups degraded), and the host group health changes, which
// are stored for availability reports but alert nobody (rules watch hosts
// and services). hostsAfter is the health of the hosts the batch changed;
// the other hosts sharing a group or service with a changed one are read
// through db (the health read's connection), and only when some host
// changed.
func serviceTransitions(ctx context.Context, db storage.DBTX, structure *query.Structure, hostTrs []alert.Transition,
	hostsAfter map[int64]state.State) ([]alert.Transition, []storage.HealthChange, error) {
	if len(hostTrs) == 0 {
		return nil, nil, nil
	}
	hosts := make([]int64, len(hostTrs))
	for i, tr := range hostTrs {
		hosts[i] = tr.SubjectID
	}
	after, err := structure.HealthAround(ctx, db, hosts, hostsAfter)
	if err != nil {
		return nil, nil, err
	}
	before := make(map[int64]state.State, len(hostTrs))
	cause := hostTrs[0]
	for _, tr := range hostTrs {
		before[tr.SubjectID] = tr.From
		if tr.At.After(cause.At) {
			cause = tr
		}
	}
	var trs []alert.Transition
	var hc []storage.HealthChange
	for _, c := range after.ServiceChangesSince(before) {
		trs = append(trs, alert.Transition{Subject: alert.SubjectService, SubjectID: c.ID, Name: after.ServiceNames[c.ID],
			From: c.From, To: c.To, At: cause.At, Plugin: cause.Plugin, CheckID: cause.CheckID, Value: cause.Value,
			Message: cause.Name + ": " + cause.Message})
		hc = append(hc, storage.HealthChange{Time: cause.At, ServiceID: c.ID, From: c.From, To: c.To})
	}
	for _, c := range after.GroupChangesSince(before) {
		hc = append(hc, storage.HealthChange{Time: cause.At, HostGroupID: c.ID, From: c.From, To: c.To})
	}
	return trs, hc, nil
}
