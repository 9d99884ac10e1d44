package api

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/api/heartbeat"
	"github.com/prophasis/prophasis/internal/storage"
)

// heartbeatBeat records a heartbeat (POST /heartbeats/{name}, no body
// needed) and stores an ok result for it through the pipeline.
func (a *API) heartbeatBeat(c *gin.Context) {
	if a.deps.Results == nil {
		abort(c, http.StatusServiceUnavailable, "unavailable", "this process does not ingest results", "")
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	now := a.now()
	hb, err := storage.RecordBeat(ctx, a.deps.DB, c.Param("name"), now)
	if err != nil {
		a.fail(c, err)
		return
	}
	if err := a.deps.Results.Submit(ctx, heartbeat.Beat(hb, now)); err != nil {
		a.log.Warn("heartbeat result refused", "heartbeat", hb.Name, "err", err)
		abort(c, http.StatusServiceUnavailable, "unavailable", "heartbeat recorded, its result was not: "+err.Error(), "")
		return
	}
	c.JSON(http.StatusAccepted, newHeartbeatOut(hb))
}

// invalidIfMissing turns a not-found lookup of a referenced row into a
// validation error on field.
func invalidIfMissing(err error, field, msg string) error {
	if errors.Is(err, storage.ErrNotFound) {
		return invalid(field, msg)
	}
	return err
}
