package api

import (
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/internal/storage"
)

// ruleBody is an alert rule: notify Notifiers when a subject in Scope
// (hosts, host_groups, services with Subjects; all_hosts, all_services)
// moves from one of From to one of To. Zero seconds mean never.
type ruleBody struct {
	ID                   int64    `json:"id"`
	Name                 string   `json:"name"`
	Enabled              *bool    `json:"enabled"`
	Scope                string   `json:"scope"`
	Subjects             []int64  `json:"subjects"`
	Plugins              []string `json:"plugins"`
	Checks               []int64  `json:"checks"`
	From                 []string `json:"from"`
	To                   []string `json:"to"`
	RepeatSeconds        int64    `json:"repeat_seconds"`
	EscalateAfterSeconds int64    `json:"escalate_after_seconds"`
	EscalationNotifier   int64    `json:"escalation_notifier"`
	Notifiers            []int64  `json:"notifiers"`
}

var ruleScopes = []string{"hosts", "host_groups", "services", "all_hosts", "all_services"}

func (in ruleBody) validate() error {
	var k checker
	k.text("name", in.Name, true, 200)
	k.rule("scope", !slices.Contains(ruleScopes, in.Scope), "must be hosts, host_groups, services, all_hosts or all_services")
	k.rule("from", len(in.From) == 0, "at least one state")
	k.rule("to", len(in.To) == 0, "at least one state")
	k.rule("repeat_seconds", in.RepeatSeconds != 0 && in.RepeatSeconds < 60, "0 (never) or at least 60")
	k.rule("escalate_after_seconds", in.EscalateAfterSeconds < 0, "must not be negative")
	k.rule("escalation_notifier", in.EscalationNotifier != 0 && in.EscalateAfterSeconds == 0, "needs escalate_after_seconds")
	return k.err
}

func (in ruleBody) input() storage.AlertRuleInput {
	return storage.AlertRuleInput{Name: in.Name, Enabled: in.Enabled == nil || *in.Enabled, Scope: in.Scope,
		Subjects: in.Subjects, Plugins: in.Plugins, Checks: in.Checks, From: in.From, To: in.To,
		Repeat: time.Duration(in.RepeatSeconds) * time.Second, EscalateAfter: time.Duration(in.EscalateAfterSeconds) * time.Second,
		EscalationNotifier: in.EscalationNotifier, Notifiers: in.Notifiers}
}

func (a *API) loadRule(ctx context.Context, id int64) (ruleBody, error) {
	r, err := storage.AlertRuleForm(ctx, a.deps.DB, id)
	if err != nil {
		return ruleBody{}, err
	}
	return ruleBody{ID: id, Name: r.Name, Enabled: &r.Enabled, Scope: r.Scope, Subjects: r.Subjects, Plugins: r.Plugins,
		Checks: r.Checks, From: r.From, To: r.To, RepeatSeconds: int64(r.Repeat / time.Second),
		EscalateAfterSeconds: int64(r.EscalateAfter / time.Second), EscalationNotifier: r.EscalationNotifier,
		Notifiers: r.Notifiers}, nil
}

func (a *API) ruleList(c *gin.Context) {
	p, ok := pageOf(c)
	if !ok {
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	ids, err := storage.AlertRuleIDs(ctx, a.deps.DB)
	if err != nil {
		a.fail(c, err)
		return
	}
	window := paginate(ids, p)
	out := list[ruleBody]{Items: make([]ruleBody, 0, len(window.Items)), Total: window.Total, NextOffset: window.NextOffset}
	for _, id := range window.Items {
		r, err := a.loadRule(ctx, id)
		if err != nil {
			a.fail(c, err)
			return
		}
		out.Items = append(out.Items, r)
	}
	c.JSON(http.StatusOK, out)
}

func (a *API) ruleGet(c *gin.Context) {
	if id, ok := pathID(c); ok {
		a.ruleAnswer(c, id, http.StatusOK)
	}
}

func (a *API) ruleAnswer(c *gin.Context, id int64, status int) {
	ctx, cancel := a.ctx(c)
	defer cancel()
	r, err := a.loadRule(ctx, id)
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(status, r)
}
