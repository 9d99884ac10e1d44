package dashboards

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/query"
)

// problemRow is a host or service whose current state is worse than ok,
// with its open acknowledgement if someone is on it.
type problemRow struct {
	Kind  alert.SubjectKind
	ID    int64
	Name  string
	State state.State
	Ack   *storage.AckRow
}

// problems lists the hosts and services with a problem now, worst first.
func (w *Web) problems(ctx context.Context) ([]problemRow, error) {
	h, err := query.LoadHealth(ctx, w.cfg.DB)
	if err != nil {
		return nil, err
	}
	hosts, err := storage.ListHosts(ctx, w.cfg.DB, "")
	if err != nil {
		return nil, err
	}
	acks, err := storage.OpenAcks(ctx, w.cfg.DB)
	if err != nil {
		return nil, err
	}
	var out []problemRow
	for _, host := range hosts {
		if st, ok := h.Hosts[host.ID]; ok && st.Severity() > state.OK.Severity() {
			out = append(out, problemRow{Kind: alert.SubjectHost, ID: host.ID, Name: host.Name, State: st})
		}
	}
	for id, st := range h.ServiceStates() {
		if st.Severity() > state.OK.Severity() {
			out = append(out, problemRow{Kind: alert.SubjectService, ID: id, Name: h.ServiceNames[id], State: st})
		}
	}
	for i := range out {
		for j, a := range acks {
			if (out[i].Kind == alert.SubjectHost && a.HostID != nil && *a.HostID == out[i].ID) ||
				(out[i].Kind == alert.SubjectService && a.ServiceID != nil && *a.ServiceID == out[i].ID) {
				out[i].Ack = &acks[j]
				break
			}
		}
	}
	slices.SortFunc(out, func(a, b problemRow) int {
		if d := b.State.Severity() - a.State.Severity(); d != 0 {
			return d
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out, nil
}

// alertAck acknowledges the current problem of one host or service (admins
// only), which stops repeats and escalations until it recovers.
func (w *Web) alertAck(c *gin.Context) {
	ctx := c.Request.Context()
	form := view.NewForm()
	comment := strings.TrimSpace(c.PostForm("comment"))
	if len([]rune(comment)) > 2000 {
		form.Errors["comment"] = "At most 2000 characters."
	}
	kind := alert.SubjectKind(c.PostForm("kind"))
	id, _ := strconv.ParseInt(c.PostForm("id"), 10, 64)
	problems, err := w.problems(ctx)
	if err != nil {
		w.fail(c, err)
		return
	}
	i := slices.IndexFunc(problems, func(p problemRow) bool { return p.Kind == kind && p.ID == id })
	if i < 0 {
		form.Errors["comment"] = "That host or service has no problem to acknowledge any more."
	}
	if !form.Valid() {
		form.Values["ack"] = string(kind) + "-" + strconv.FormatInt(id, 10)
		w.renderAlertLog(c, http.StatusUnprocessableEntity, form)
		return
	}
	p := problems[i]
	err = pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
		if err := storage.Acknowledge(ctx, tx, alert.SubjectRef{Kind: p.Kind, ID: p.ID}, p.State, comment, account(c).ID); err != nil {
			return err
		}
		e := auditEntry(c, "acknowledge", string(p.Kind), p.ID)
		e.After = map[string]any{"name": p.Name, "state": p.State, "comment": comment}
		return storage.Audit(ctx, tx, e)
	})
	if err != nil {
		w.fail(c, err)
		return
	}
	w.flashRedirect(c, "/alert-log", "Acknowledged the "+string(p.State)+" problem of "+p.Name+".")
}
