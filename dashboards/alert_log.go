package dashboards

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// alertLogScan is how many recent attempts the filters search; alertLogShown
// is how many matching ones the page lists.
const (
	alertLogScan  = 2000
	alertLogShown = 300
)

// alertLogOutcomes are the outcome filter's choices.
var alertLogOutcomes = []string{string(alert.OutcomeSent), string(alert.OutcomeFailed), string(alert.OutcomeMuted)}

// alertLogData is the alert log page: current problems with their
// acknowledgements, then recent notification attempts.
type alertLogData struct {
	Problems []problemRow
	Entries  []storage.AlertLogEntry
	Rules    []string
	Outcomes []string
	Rule     string
	Outcome  string
	Admin    bool
}

// alertLog shows the alert log to every signed-in user; only admins get
// the acknowledge forms.
func (w *Web) alertLog(c *gin.Context) {
	w.renderAlertLog(c, http.StatusOK, view.NewForm())
}

func (w *Web) renderAlertLog(c *gin.Context, status int, form view.Form) {
	ctx := c.Request.Context()
	entries, err := storage.RecentAlertLog(ctx, w.cfg.DB, alertLogScan)
	if err != nil {
		w.fail(c, err)
		return
	}
	problems, err := w.problems(ctx)
	if err != nil {
		w.fail(c, err)
		return
	}
	d := alertLogData{Problems: problems, Outcomes: alertLogOutcomes, Rule: c.Query("rule"), Outcome: c.Query("outcome"),
		Admin: account(c).Admin}
	d.Entries, d.Rules = filterAlertLog(entries, d.Rule, d.Outcome, alertLogShown)
	w.render(c, status, "alert_log", view.Page{Title: "Alert log", Nav: "alert-log", Form: form, Data: d})
}

// filterAlertLog keeps the entries of rule and outcome ("" matches any),
// at most limit, and lists every rule name seen, sorted, for the filter.
func filterAlertLog(entries []storage.AlertLogEntry, rule, outcome string, limit int) ([]storage.AlertLogEntry, []string) {
	var out []storage.AlertLogEntry
	var rules []string
	for _, e := range entries {
		if !slices.Contains(rules, e.RuleName) {
			rules = append(rules, e.RuleName)
		}
		if (rule == "" || e.RuleName == rule) && (outcome == "" || e.Outcome == outcome) && len(out) < limit {
			out = append(out, e)
		}
	}
	slices.Sort(rules)
	return out, rules
}
