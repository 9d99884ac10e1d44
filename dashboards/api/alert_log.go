package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/internal/storage"
)

// maxAlertLogWindow bounds offset + limit on the alert log, which is read
// newest first from its start.
const maxAlertLogWindow = 10000

// alertLogOut is one notification attempt (or mute) in the alert log.
type alertLogOut struct {
	ID        int64     `json:"id"`
	Time      time.Time `json:"time"`
	RuleID    *int64    `json:"rule_id"`
	Rule      string    `json:"rule"`
	Notifier  string    `json:"notifier"`
	HostID    *int64    `json:"host_id"`
	ServiceID *int64    `json:"service_id"`
	Subject   string    `json:"subject"`
	Kind      string    `json:"kind"`
	FromState *string   `json:"from_state"`
	ToState   *string   `json:"to_state"`
	Outcome   string    `json:"outcome"`
	Reason    string    `json:"reason"`
	Attempt   int32     `json:"attempt"`
}

func (a *API) alertLog(c *gin.Context) {
	p, ok := pageOf(c)
	if !ok {
		return
	}
	if p.Offset+p.Limit > maxAlertLogWindow {
		abort(c, http.StatusBadRequest, "invalid_parameter", "offset + limit must be at most 10000", "offset")
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	entries, err := storage.RecentAlertLog(ctx, a.deps.DB, p.Offset+p.Limit+1)
	if err != nil {
		a.fail(c, err)
		return
	}
	out := paginate(mapSlice(entries, func(e storage.AlertLogEntry) alertLogOut {
		return alertLogOut{ID: e.ID, Time: e.Time, RuleID: e.RuleID, Rule: e.RuleName, Notifier: e.NotifierName,
			HostID: e.HostID, ServiceID: e.ServiceID, Subject: e.SubjectName, Kind: e.Kind, FromState: e.FromState,
			ToState: e.ToState, Outcome: e.Outcome, Reason: e.Reason, Attempt: e.Attempt}
	}), p)
	// Only offset+limit+1 entries were read, so the total is unknown.
	c.JSON(http.StatusOK, gin.H{"items": out.Items, "next_offset": out.NextOffset})
}
