package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/query"
)

// ackOut is an open acknowledgement.
type ackOut struct {
	ID        int64     `json:"id"`
	HostID    *int64    `json:"host_id"`
	ServiceID *int64    `json:"service_id"`
	State     string    `json:"state"`
	Comment   string    `json:"comment"`
	User      string    `json:"user"`
	CreatedAt time.Time `json:"created_at"`
}

// ackIn acknowledges the current problem of one host or one service.
type ackIn struct {
	HostID    int64  `json:"host_id"`
	ServiceID int64  `json:"service_id"`
	Comment   string `json:"comment"`
}

func (a *API) ackList(c *gin.Context) {
	p, ok := pageOf(c)
	if !ok {
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	acks, err := storage.OpenAcks(ctx, a.deps.DB)
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, paginate(mapSlice(acks, func(r storage.AckRow) ackOut { return ackOut(r) }), p))
}

// ackCreate acknowledges a subject's current problem, which stops repeats
// and escalations until it recovers. A subject without a problem is 422.
func (a *API) ackCreate(c *gin.Context) {
	var in ackIn
	if !decode(c, &in) {
		return
	}
	var k checker
	k.rule("host_id", (in.HostID == 0) == (in.ServiceID == 0), "give exactly one of host_id and service_id")
	k.text("comment", in.Comment, false, 10000)
	if k.err != nil {
		a.fail(c, k.err)
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	h, err := query.LoadHealth(ctx, a.deps.DB)
	if err != nil {
		a.fail(c, err)
		return
	}
	ref, field, st, known := alert.SubjectRef{Kind: alert.SubjectHost, ID: in.HostID}, "host_id", state.State(""), false
	if in.ServiceID != 0 {
		ref, field = alert.SubjectRef{Kind: alert.SubjectService, ID: in.ServiceID}, "service_id"
		st, known = h.ServiceStates()[in.ServiceID]
	} else {
		st, known = h.Hosts[in.HostID]
	}
	switch {
	case !known:
		a.fail(c, invalid(field, "no such host or service"))
		return
	case st.Severity() <= state.OK.Severity():
		a.fail(c, invalid(field, "has no problem to acknowledge (it is "+string(st)+")"))
		return
	}
	var by int64
	if id := callerOf(c).userID(); id != nil {
		by = *id
	}
	if err := storage.Acknowledge(ctx, a.deps.DB, ref, st, in.Comment, by); err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"state": st})
}
