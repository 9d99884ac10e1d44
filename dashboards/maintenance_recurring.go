package dashboards

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// clockLayout is the wall-clock time of day recurring windows use.
const clockLayout = "15:04"

// recurringData is the recurring-window form: weekdays and the subjects
// it can be scoped to.
type recurringData struct {
	Days     []time.Weekday
	Hosts    []storage.Host
	Groups   []storage.HostGroup
	Services []storage.ServiceStructure
	Checked  map[string]bool // "hosts-3", "days-1": ticked boxes to keep on re-render
}

func (w *Web) recurringNew(c *gin.Context) {
	form := view.NewForm()
	form.Values["time_zone"] = "UTC"
	w.renderRecurring(c, http.StatusOK, form, map[string]bool{})
}

func (w *Web) renderRecurring(c *gin.Context, status int, form view.Form, checked map[string]bool) {
	ctx := c.Request.Context()
	d := recurringData{Checked: checked}
	for day := time.Sunday; day <= time.Saturday; day++ {
		d.Days = append(d.Days, day)
	}
	var err error
	if d.Hosts, err = storage.ListHosts(ctx, w.cfg.DB, ""); err == nil {
		if d.Groups, err = storage.ListHostGroups(ctx, w.cfg.DB, ""); err == nil {
			d.Services, err = storage.ServiceStructures(ctx, w.cfg.DB)
		}
	}
	if err != nil {
		w.fail(c, err)
		return
	}
	w.render(c, status, "maintenance_recurring", view.Page{Title: "Add a recurring maintenance window", Nav: "alerts", Form: form, Data: d})
}

// recurringCreate adds a window that mutes its hosts, groups and services
// on the ticked weekdays between two wall-clock times in an IANA zone.
func (w *Web) recurringCreate(c *gin.Context) {
	ctx := c.Request.Context()
	form := view.NewForm()
	checked := map[string]bool{}
	in := storage.WindowInput{Name: text(c, form, "name", true, 200), Kind: "recurring",
		Hosts: ids(c, "hosts"), HostGroups: ids(c, "groups"), Services: ids(c, "services"), CreatedBy: account(c).ID}
	for _, field := range []struct {
		name string
		ids  []int64
	}{{"hosts", in.Hosts}, {"groups", in.HostGroups}, {"services", in.Services}} {
		for _, id := range field.ids {
			checked[field.name+"-"+strconv.FormatInt(id, 10)] = true
		}
	}
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
	if len(in.Hosts)+len(in.HostGroups)+len(in.Services) == 0 {
		form.Errors["scope"] = "Tick the hosts, host groups or services under maintenance."
	}
	if !form.Valid() {
		w.renderRecurring(c, http.StatusUnprocessableEntity, form, checked)
		return
	}
	err := pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
		id, err := storage.CreateMaintenanceWindow(ctx, tx, in)
		if err != nil {
			return err
		}
		e := auditEntry(c, "create", "maintenance_window", id)
		e.After = map[string]any{"name": in.Name, "days": in.Days, "from": in.StartTime, "to": in.EndTime,
			"time_zone": in.TimeZone, "hosts": in.Hosts, "groups": in.HostGroups, "services": in.Services}
		return storage.Audit(ctx, tx, e)
	})
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.ConstraintName == "maintenance_windows_time_zone" {
		form.Errors["time_zone"] = "The database does not know this time zone."
		w.renderRecurring(c, http.StatusUnprocessableEntity, form, checked)
		return
	}
	if err != nil {
		w.fail(c, err)
		return
	}
	w.flashRedirect(c, "/maintenance", "Maintenance window "+in.Name+" added.")
}

// wallClock reads a required "HH:MM" field.
func wallClock(c *gin.Context, f view.Form, name string) string {
	v := text(c, f, name, true, 5)
	if _, err := time.Parse(clockLayout, v); v != "" && err != nil {
		f.Errors[name] = "Enter a time of day like 22:30."
	}
	return v
}

// windowWhen describes when a window mutes, for the list.
func windowWhen(win alert.Window) string {
	if len(win.Weekdays) == 0 {
		return fmt.Sprintf("%s – %s UTC", win.Start.UTC().Format(startLayout), win.End.UTC().Format(startLayout))
	}
	days := make([]string, len(win.Weekdays))
	for i, d := range win.Weekdays {
		days[i] = d.String()[:3]
	}
	span := "all day"
	if win.From != win.To {
		span = clockOf(win.From) + "–" + clockOf(win.To)
	}
	return fmt.Sprintf("every %s, %s (%s)", strings.Join(days, ", "), span, win.Location)
}

// clockOf formats an offset from midnight as HH:MM.
func clockOf(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60)
}
