package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/internal/storage"
)

// windowBody is a maintenance window: "once" from starts_at to ends_at, or
// "recurring" on days (0 = Sunday) from start_time to end_time ("HH:MM")
// in time_zone. Problems of the hosts, groups and services it covers are
// not notified while it is active; recoveries are.
type windowBody struct {
	ID          int64      `json:"id"`
	Name        string     `json:"name"`
	Description string     `json:"description"`
	Kind        string     `json:"kind"`
	StartsAt    *time.Time `json:"starts_at"`
	EndsAt      *time.Time `json:"ends_at"`
	Days        []int16    `json:"days"`
	StartTime   string     `json:"start_time"`
	EndTime     string     `json:"end_time"`
	TimeZone    string     `json:"time_zone"`
	Hosts       []int64    `json:"hosts"`
	HostGroups  []int64    `json:"host_groups"`
	Services    []int64    `json:"services"`
}

func (in windowBody) validate() error {
	var k checker
	k.text("name", in.Name, true, 200)
	k.text("description", in.Description, false, 500)
	k.rule("kind", in.Kind != "once" && in.Kind != "recurring", "must be once or recurring")
	k.rule("ends_at", in.Kind == "once" && (in.StartsAt == nil || in.EndsAt == nil || !in.EndsAt.After(*in.StartsAt)),
		"a once window needs starts_at before ends_at")
	for _, f := range []struct{ name, v string }{{"start_time", in.StartTime}, {"end_time", in.EndTime}} {
		_, err := time.Parse("15:04", f.v)
		k.rule(f.name, in.Kind == "recurring" && err != nil, "must be HH:MM")
	}
	k.rule("days", in.Kind == "recurring" && len(in.Days) == 0, "a recurring window needs days (0 = Sunday)")
	k.rule("time_zone", in.Kind == "recurring" && in.TimeZone == "", "required for a recurring window")
	k.rule("hosts", len(in.Hosts)+len(in.HostGroups)+len(in.Services) == 0, "cover at least one host, group or service")
	return k.err
}

func newWindowBody(w storage.MaintenanceWindowRow) windowBody {
	return windowBody(w)
}

func (a *API) windowList(c *gin.Context) {
	p, ok := pageOf(c)
	if !ok {
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	rows, err := storage.ListMaintenanceWindowRows(ctx, a.deps.DB, 0)
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, paginate(mapSlice(rows, newWindowBody), p))
}

func (a *API) windowGet(c *gin.Context) {
	if id, ok := pathID(c); ok {
		a.windowAnswer(c, id, http.StatusOK)
	}
}

func (a *API) windowAnswer(c *gin.Context, id int64, status int) {
	ctx, cancel := a.ctx(c)
	defer cancel()
	rows, err := storage.ListMaintenanceWindowRows(ctx, a.deps.DB, id)
	if err == nil && len(rows) == 0 {
		err = storage.ErrNotFound
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(status, newWindowBody(rows[0]))
}

// windowSave creates (id 0) or replaces window id; a replace keeps the
// window's creator and validates exactly like a create.
func (a *API) windowSave(c *gin.Context, id int64, status int) {
	var in windowBody
	if !decode(c, &in) {
		return
	}
	if err := in.validate(); err != nil {
		a.fail(c, err)
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	w := storage.WindowInput{Name: in.Name, Description: in.Description, Kind: in.Kind, StartsAt: in.StartsAt,
		EndsAt: in.EndsAt, Days: in.Days, StartTime: in.StartTime, EndTime: in.EndTime, TimeZone: in.TimeZone,
		Hosts: in.Hosts, HostGroups: in.HostGroups, Services: in.Services}
	var err error
	if id == 0 {
		if by := callerOf(c).userID(); by != nil {
			w.CreatedBy = *by
		}
		id, err = storage.CreateMaintenanceWindow(ctx, a.deps.DB, w)
	} else {
		err = storage.UpdateMaintenanceWindow(ctx, a.deps.DB, id, w)
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	a.windowAnswer(c, id, status)
}

func (a *API) windowCreate(c *gin.Context) { a.windowSave(c, 0, http.StatusCreated) }

func (a *API) windowReplace(c *gin.Context) {
	if id, ok := pathID(c); ok {
		a.windowSave(c, id, http.StatusOK)
	}
}
