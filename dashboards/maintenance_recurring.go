package dashboards

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/dashboards/view"
)

// clockLayout is the wall-clock time of day recurring windows use.
const clockLayout = "15:04"

// recurringForm is the form data for adding a recurring window.
func recurringForm(checked map[string]bool) windowFormData {
	return windowFormData{Kind: "recurring", Action: "/maintenance/recurring/new", Submit: "Add window", Checked: checked}
}

func (w *Web) recurringNew(c *gin.Context) {
	form := view.NewForm()
	form.Values["time_zone"] = "UTC"
	w.renderWindowForm(c, http.StatusOK, "Add a recurring maintenance window", recurringForm(map[string]bool{}), form)
}

// recurringCreate adds a window that mutes its hosts, groups and services
// on the ticked weekdays between two wall-clock times in an IANA zone.
func (w *Web) recurringCreate(c *gin.Context) {
	form, checked := view.NewForm(), map[string]bool{}
	in := parseWindow(c, form, "recurring", checked)
	var err error
	if form.Valid() {
		err = w.saveWindow(c, 0, in, form)
	}
	w.windowSaved(c, err, form, func() {
		w.renderWindowForm(c, http.StatusUnprocessableEntity, "Add a recurring maintenance window", recurringForm(checked), form)
	}, "Maintenance window "+in.Name+" added.")
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
