package dashboards

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// ruleScopes are the scopes the form offers with their labels.
var ruleScopes = []struct{ Value, Label string }{
	{"all_hosts", "all hosts"}, {"hosts", "chosen hosts"}, {"host_groups", "chosen host groups"}, {"all_services", "all services"},
}

func (w *Web) ruleList(c *gin.Context) {
	rules, err := storage.AlertRules(c.Request.Context(), w.cfg.DB, nil)
	if err != nil {
		w.fail(c, err)
		return
	}
	w.render(c, http.StatusOK, "alert_rules", view.Page{Title: "Alert rules", Nav: "alerts", Data: rules})
}

// ruleFormData is the add/edit page.
type ruleFormData struct {
	ID        int64
	Rule      storage.AlertRuleInput
	Scopes    any
	States    []state.State
	Hosts     []storage.Host
	Groups    []storage.HostGroup
	Notifiers []storage.NotifierSummary
}

// HasID reports whether id is among ids; HasState whether s is among states.
func (ruleFormData) HasID(ids []int64, id int64) bool        { return slices.Contains(ids, id) }
func (ruleFormData) HasState(states []string, s string) bool { return slices.Contains(states, s) }

func (w *Web) ruleFormData(ctx context.Context, id int64, in storage.AlertRuleInput) (ruleFormData, error) {
	d := ruleFormData{ID: id, Rule: in, Scopes: ruleScopes, States: state.All}
	var err error
	if d.Hosts, err = storage.ListHosts(ctx, w.cfg.DB, ""); err != nil {
		return d, err
	}
	if d.Groups, err = storage.ListHostGroups(ctx, w.cfg.DB, ""); err != nil {
		return d, err
	}
	d.Notifiers, err = storage.ListNotifiers(ctx, w.cfg.DB)
	return d, err
}

func (w *Web) ruleNew(c *gin.Context) {
	in := storage.AlertRuleInput{Enabled: true, Scope: "all_hosts", From: []string{"ok"}, To: []string{"major", "critical"}}
	d, err := w.ruleFormData(c.Request.Context(), 0, in)
	if err != nil {
		w.fail(c, err)
		return
	}
	w.render(c, http.StatusOK, "alert_rule_form", view.Page{Title: "Add an alert rule", Nav: "alerts", Form: view.NewForm(), Data: d})
}

func (w *Web) ruleCreate(c *gin.Context) { w.saveRule(c, 0) }

// saveRule validates the form and creates (id 0) or replaces a rule.
func (w *Web) saveRule(c *gin.Context, id int64) {
	ctx := c.Request.Context()
	form := view.NewForm()
	in := ruleFields(c, form)
	d, err := w.ruleFormData(ctx, id, in)
	if err != nil {
		w.fail(c, err)
		return
	}
	page := view.Page{Title: "Alert rule", Nav: "alerts", Form: form, Data: d}
	err = errInvalid
	if form.Valid() {
		err = pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
			action := "update"
			if id == 0 {
				action = "create"
				id, err = storage.CreateAlertRule(ctx, tx, in)
			} else {
				err = storage.UpdateAlertRule(ctx, tx, id, in)
			}
			if err != nil {
				return err
			}
			e := auditEntry(c, action, "alert_rule", id)
			e.After = map[string]any{"name": in.Name, "scope": in.Scope, "subjects": in.Subjects, "from": in.From,
				"to": in.To, "notifiers": in.Notifiers, "enabled": in.Enabled}
			return storage.Audit(ctx, tx, e)
		})
	}
	if w.formFailed(c, err, form, page, "alert_rule_form") {
		return
	}
	w.flashRedirect(c, "/alerts", "Alert rule "+in.Name+" saved.")
}

// ruleFields reads and checks the rule form.
func ruleFields(c *gin.Context, f view.Form) storage.AlertRuleInput {
	in := storage.AlertRuleInput{Name: text(c, f, "name", true, 200), Enabled: c.PostForm("enabled") == "on",
		Scope: c.PostForm("scope"), Notifiers: ids(c, "notifiers")}
	switch in.Scope {
	case "hosts":
		in.Subjects = ids(c, "hosts")
	case "host_groups":
		in.Subjects = ids(c, "groups")
	case "all_hosts", "all_services":
	default:
		f.Errors["scope"] = "Choose what the rule watches."
	}
	if (in.Scope == "hosts" || in.Scope == "host_groups") && len(in.Subjects) == 0 {
		f.Errors["scope"] = "Tick at least one " + map[string]string{"hosts": "host", "host_groups": "host group"}[in.Scope] + "."
	}
	for _, s := range c.PostFormArray("from") {
		if state.State(s).Severity() >= 0 {
			in.From = append(in.From, s)
		}
	}
	for _, s := range c.PostFormArray("to") {
		if state.State(s).Severity() >= 0 {
			in.To = append(in.To, s)
		}
	}
	if len(in.From) == 0 || len(in.To) == 0 {
		f.Errors["states"] = "Tick at least one state to leave and one to enter."
	}
	if r := c.PostForm("repeat"); r != "" {
		n, err := strconv.Atoi(r)
		if err != nil || n < 1 || n > 100000 {
			f.Errors["repeat"] = "Minutes from 1 to 100000, or empty for never."
		}
		in.Repeat = time.Duration(n) * time.Minute
	}
	return in
}
