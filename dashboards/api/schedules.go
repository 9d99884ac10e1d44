package api

import (
	"context"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/storage"
)

// scheduleBody is a schedule: intervals (runs at start_at + k·period) and
// the checks it runs. Intervals are matched by id on PUT: an unchanged one
// keeps its next run, one without id is new, a missing one is deleted.
type scheduleBody struct {
	ID          int64          `json:"id"`
	Name        string         `json:"name"`
	Description string         `json:"description"`
	Enabled     *bool          `json:"enabled"`
	Intervals   []intervalBody `json:"intervals"`
	Checks      []int64        `json:"checks"`
}

type intervalBody struct {
	ID            int64     `json:"id"`
	StartAt       time.Time `json:"start_at"`
	PeriodSeconds int64     `json:"period_seconds"`
}

func (in scheduleBody) validate() error {
	var k checker
	k.text("name", in.Name, true, 200)
	k.text("description", in.Description, false, 500)
	k.rule("intervals", len(in.Intervals) == 0, "at least one interval is required")
	k.rule("intervals", len(in.Intervals) > 100, "at most 100 intervals")
	k.rule("checks", len(in.Checks) > 10000, "at most 10000 checks")
	for _, iv := range in.Intervals {
		k.intRange("intervals.period_seconds", iv.PeriodSeconds, 1, 366*24*3600)
		k.rule("intervals.start_at", iv.StartAt.IsZero(), "required")
	}
	return k.err
}

func (a *API) loadSchedule(ctx context.Context, db storage.DBTX, id int64) (scheduleBody, error) {
	s, ivs, checks, err := storage.ScheduleConfigByID(ctx, db, id)
	if err != nil {
		return scheduleBody{}, err
	}
	return scheduleBody{ID: s.ID, Name: s.Name, Description: s.Description, Enabled: &s.Enabled, Checks: checks,
		Intervals: mapSlice(ivs, func(iv storage.IntervalConfig) intervalBody {
			return intervalBody{ID: iv.ID, StartAt: iv.StartAt.UTC(), PeriodSeconds: int64(iv.Period / time.Second)}
		})}, nil
}

func (a *API) scheduleList(c *gin.Context) {
	listLoaded(a, c, storage.ListScheduleConfigs, func(s storage.ScheduleConfig) int64 { return s.ID }, a.loadSchedule)
}

func (a *API) scheduleGet(c *gin.Context) {
	getLoaded(a, c, a.loadSchedule)
}

// saveSchedule creates (id 0) or replaces a schedule in one transaction.
func (a *API) saveSchedule(c *gin.Context, id int64, status int) {
	var in scheduleBody
	if !decode(c, &in) {
		return
	}
	if err := in.validate(); err != nil {
		a.fail(c, err)
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	cfg := storage.ScheduleConfig{ID: id, Name: in.Name, Description: in.Description, Enabled: in.Enabled == nil || *in.Enabled}
	ivs := mapSlice(in.Intervals, func(iv intervalBody) storage.IntervalConfig {
		return storage.IntervalConfig{ID: iv.ID, StartAt: iv.StartAt, Period: time.Duration(iv.PeriodSeconds) * time.Second}
	})
	var out scheduleBody
	err := pgx.BeginFunc(ctx, a.deps.DB, func(tx pgx.Tx) error {
		saved, err := storage.SaveScheduleConfig(ctx, tx, cfg, ivs, in.Checks)
		if err != nil {
			return err
		}
		out, err = a.loadSchedule(ctx, tx, saved)
		return err
	})
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(status, out)
}
