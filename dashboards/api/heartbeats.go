package api

import (
	"net/http"
	"regexp"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/dashboards/api/heartbeat"
	"github.com/prophasis/prophasis/internal/storage"
)

// heartbeatName matches the names the heartbeats table accepts.
var heartbeatName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$`)

// heartbeatOut is a heartbeat as the API shows it.
type heartbeatOut struct {
	Name          string     `json:"name"`
	HostID        int64      `json:"host_id"`
	Host          string     `json:"host"`
	CheckID       int64      `json:"check_id"`
	PeriodSeconds int64      `json:"period_seconds"`
	CreatedAt     time.Time  `json:"created_at"`
	LastBeat      *time.Time `json:"last_beat"`
}

// heartbeatIn is the body of POST /heartbeats.
type heartbeatIn struct {
	Name          string `json:"name"`
	HostID        int64  `json:"host_id"`
	PeriodSeconds int64  `json:"period_seconds"`
}

func newHeartbeatOut(hb storage.Heartbeat) heartbeatOut {
	return heartbeatOut{Name: hb.Name, HostID: hb.HostID, Host: hb.HostName, CheckID: hb.CheckID,
		PeriodSeconds: int64(hb.Period / time.Second), CreatedAt: hb.CreatedAt, LastBeat: hb.LastBeat}
}

func (a *API) heartbeatList(c *gin.Context) {
	p, ok := pageOf(c)
	if !ok {
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	hbs, err := storage.ListHeartbeats(ctx, a.deps.DB)
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, paginate(mapSlice(hbs, newHeartbeatOut), p))
}

func (a *API) heartbeatGet(c *gin.Context) {
	ctx, cancel := a.ctx(c)
	defer cancel()
	hb, err := storage.HeartbeatByName(ctx, a.deps.DB, c.Param("name"))
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, newHeartbeatOut(hb))
}

// heartbeatCreate makes a heartbeat with its own check; its first period
// starts now.
func (a *API) heartbeatCreate(c *gin.Context) {
	var in heartbeatIn
	if !decode(c, &in) {
		return
	}
	var k checker
	k.rule("name", !heartbeatName.MatchString(in.Name), "must be 1-200 letters, digits, _ . - (starting with a letter or digit)")
	k.rule("host_id", in.HostID <= 0, "required")
	k.intRange("period_seconds", in.PeriodSeconds, 1, 366*24*3600)
	if k.err != nil {
		a.fail(c, k.err)
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	hb := storage.Heartbeat{Name: in.Name, HostID: in.HostID, Period: time.Duration(in.PeriodSeconds) * time.Second,
		CreatedAt: a.now()}
	err := pgx.BeginFunc(ctx, a.deps.DB, func(tx pgx.Tx) error {
		if _, err := storage.HostByID(ctx, tx, in.HostID); err != nil {
			return invalidIfMissing(err, "host_id", "no such host")
		}
		if err := storage.EnsureBuiltinPlugin(ctx, tx, heartbeat.Plugin()); err != nil {
			return err
		}
		_, _, err := storage.CreateHeartbeat(ctx, tx, hb, heartbeat.PluginID)
		return err
	})
	if err != nil {
		a.fail(c, err)
		return
	}
	if hb, err = storage.HeartbeatByName(ctx, a.deps.DB, in.Name); err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, newHeartbeatOut(hb))
}

func (a *API) heartbeatDelete(c *gin.Context) {
	ctx, cancel := a.ctx(c)
	defer cancel()
	if err := storage.DeleteHeartbeat(ctx, a.deps.DB, c.Param("name")); err != nil {
		a.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
