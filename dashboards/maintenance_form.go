package dashboards

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// windowFormData is the maintenance window form, for adding a recurring
// window and for editing a window of either kind: one-off windows have a
// start and an end, recurring ones weekdays, wall-clock times and a zone.
type windowFormData struct {
	Kind   string // "once" or "recurring"
	Action string // where the form posts
	Submit string
	Days   []time.Weekday
	windowSubjects
	Checked map[string]bool // "hosts-3", "days-1": ticked boxes to keep on re-render
}

// windowSubjects are what a window can be scoped to: the forms' checkboxes.
type windowSubjects struct {
	Hosts    []storage.Host
	Groups   []storage.HostGroup
	Services []storage.ServiceStructure
}

// loadSubjects lists every host, host group and service.
func (w *Web) loadSubjects(ctx context.Context) (windowSubjects, error) {
	var s windowSubjects
	var err error
	if s.Hosts, err = storage.ListHosts(ctx, w.cfg.DB, ""); err == nil {
		if s.Groups, err = storage.ListHostGroups(ctx, w.cfg.DB, ""); err == nil {
			s.Services, err = storage.ServiceStructures(ctx, w.cfg.DB)
		}
	}
	return s, err
}

// tick records the ticked boxes of ids in checked, keyed as the templates
// look them up ("hosts-3").
func tick(checked map[string]bool, hosts, groups, services []int64) {
	for _, field := range []struct {
		name string
		ids  []int64
	}{{"hosts", hosts}, {"groups", groups}, {"services", services}} {
		for _, id := range field.ids {
			checked[field.name+"-"+strconv.FormatInt(id, 10)] = true
		}
	}
}

func (w *Web) renderWindowForm(c *gin.Context, status int, title string, d windowFormData, form view.Form) {
	for day := time.Sunday; day <= time.Saturday; day++ {
		d.Days = append(d.Days, day)
	}
	var err error
	if d.windowSubjects, err = w.loadSubjects(c.Request.Context()); err != nil {
		w.fail(c, err)
		return
	}
	w.render(c, status, "maintenance_form", view.Page{Title: title, Nav: "alerts", Form: form, Data: d})
}

// parseWindow reads and validates a window of the given kind from the
// posted form, recording field errors in form and the ticked boxes in
// checked so a refused form comes back as it was sent.
func parseWindow(c *gin.Context, form view.Form, kind string, checked map[string]bool) storage.WindowInput {
	in := storage.WindowInput{Name: text(c, form, "name", true, 200), Description: text(c, form, "description", false, 1000),
		Kind: kind, Hosts: ids(c, "hosts"), HostGroups: ids(c, "groups"), Services: ids(c, "services"), CreatedBy: account(c).ID}
	tick(checked, in.Hosts, in.HostGroups, in.Services)
	if kind == "once" {
		parseOnce(c, form, &in)
	} else {
		parseRecurring(c, form, &in, checked)
	}
	if len(in.Hosts)+len(in.HostGroups)+len(in.Services) == 0 {
		form.Errors["scope"] = "Tick the hosts, host groups or services under maintenance."
	}
	return in
}

// parseOnce reads a one-off window's UTC start and end.
func parseOnce(c *gin.Context, form view.Form, in *storage.WindowInput) {
	start, err1 := time.Parse(startLayout, text(c, form, "starts_at", true, 20))
	end, err2 := time.Parse(startLayout, text(c, form, "ends_at", true, 20))
	switch {
	case err1 != nil || err2 != nil:
		form.Errors["ends_at"] = "Enter start and end like 2026-01-31T08:00 (UTC)."
	case !end.After(start):
		form.Errors["ends_at"] = "The end must be after the start."
	}
	in.StartsAt, in.EndsAt = &start, &end
}

// parseRecurring reads the weekdays, the wall-clock range and the zone.
func parseRecurring(c *gin.Context, form view.Form, in *storage.WindowInput, checked map[string]bool) {
	for _, s := range c.PostFormArray("days") {
		if d, err := strconv.Atoi(s); err == nil && d >= 0 && d <= 6 && !slices.Contains(in.Days, int16(d)) {
			in.Days = append(in.Days, int16(d))
			checked["days-"+s] = true
		}
	}
	slices.Sort(in.Days)
	in.StartTime, in.EndTime = wallClock(c, form, "from"), wallClock(c, form, "to")
	if in.StartTime == in.EndTime && form.Errors["from"]+form.Errors["to"] == "" {
		form.Errors["to"] = "The end must differ from the start (an end before the start runs past midnight)."
	}
	in.TimeZone = text(c, form, "time_zone", true, 64)
	if _, err := time.LoadLocation(in.TimeZone); in.TimeZone != "" && (err != nil || in.TimeZone == "Local") {
		form.Errors["time_zone"] = "Enter an IANA time zone such as Europe/Berlin or UTC."
	}
	if len(in.Days) == 0 {
		form.Errors["days"] = "Tick at least one day."
	}
}
