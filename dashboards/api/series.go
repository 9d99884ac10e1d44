package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/query"
)

// seriesOut is a graph series from one tier: a raw value has avg = min = max.
type seriesOut struct {
	Tier   query.Tier `json:"tier"`
	From   time.Time  `json:"from"`
	To     time.Time  `json:"to"`
	Points []pointOut `json:"points"`
}

type pointOut struct {
	Time time.Time `json:"time"`
	Avg  *float64  `json:"avg"`
	Min  *float64  `json:"min"`
	Max  *float64  `json:"max"`
}

// maxSpan is the longest range each tier may be asked for, so a client
// cannot make the core read months of raw results into one answer.
var maxSpan = map[query.Tier]time.Duration{
	query.TierRaw:    query.MaxRawSpan,
	query.TierHourly: query.MaxHourlySpan,
	query.TierDaily:  20 * 366 * 24 * time.Hour,
}

// series answers GET /series?host_id=&plugin=&check_id=&from=&to=&tier=;
// without tier the finest that fits the range is used.
func (a *API) series(c *gin.Context) {
	p := params{c: c}
	key := query.SeriesKey{HostID: p.id("host_id", true), PluginID: c.Query("plugin"), CheckID: p.id("check_id", false)}
	from, to := p.timeRange(a.now())
	tier := query.Tier(c.Query("tier"))
	if key.PluginID == "" {
		p.fail("plugin", "required")
	}
	if tier == "" {
		tier = query.ChooseTier(from, to)
	}
	if span, ok := maxSpan[tier]; !ok {
		p.fail("tier", "must be raw, hourly or daily")
	} else if to.Sub(from) > span {
		p.fail("tier", "range too long for this tier; use a coarser one")
	}
	if !p.ok() {
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	s, err := query.LoadSeries(ctx, a.deps.DB, key, from, to, tier)
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, seriesOut{Tier: s.Tier, From: s.From, To: s.To, Points: mapSlice(s.Points, func(pt query.Point) pointOut {
		return pointOut{Time: pt.Time, Avg: pt.Avg, Min: pt.Min, Max: pt.Max}
	})})
}

// changeOut is one state change of a host's plugin.
type changeOut struct {
	Time    time.Time   `json:"time"`
	Plugin  string      `json:"plugin"`
	From    state.State `json:"from"`
	To      state.State `json:"to"`
	Value   *float64    `json:"value"`
	Message string      `json:"message"`
}

// stateChanges answers a host's state changes in [from, to), newest
// first; the next page is asked for with to = the last item's time.
func (a *API) stateChanges(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		return
	}
	p := params{c: c}
	limit := p.limit()
	from, to := p.timeRange(a.now())
	if !p.ok() {
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	changes, err := query.HostStateChanges(ctx, a.deps.DB, id, from, to, limit)
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": mapSlice(changes, func(s query.StateChange) changeOut {
		return changeOut{Time: s.Time, Plugin: s.PluginID, From: s.From, To: s.To, Value: s.Value, Message: s.Message}
	})})
}
