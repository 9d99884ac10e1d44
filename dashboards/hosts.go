package dashboards

import (
	"errors"
	"net"
	"net/http"
	"regexp"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/agent/identity"
	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// defaultAgentPort is where prophasis-agent listens unless told otherwise.
const defaultAgentPort = 4048

var hostnamePattern = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*\.?$`)

func (w *Web) hostList(c *gin.Context) {
	q := c.Query("q")
	hosts, err := storage.ListHosts(c.Request.Context(), w.cfg.DB, q)
	if err != nil {
		w.fail(c, err)
		return
	}
	w.render(c, http.StatusOK, "hosts", view.Page{Title: "Hosts", Nav: "hosts",
		Data: map[string]any{"Query": q, "Hosts": hosts}})
}

func (w *Web) hostNew(c *gin.Context) {
	form := view.NewForm()
	form.Values["port"] = strconv.Itoa(defaultAgentPort)
	form.Values["enabled"] = "on"
	w.render(c, http.StatusOK, "host_form", view.Page{Title: "Add a host", Nav: "hosts", Form: form, Data: hostFormData{Prober: w.cfg.Prober != nil}})
}

// hostFormData tells the shared add/edit template which host it edits.
type hostFormData struct {
	ID     int64 // 0 when adding
	HasKey bool
	Prober bool
}

func (w *Web) hostCreate(c *gin.Context) {
	ctx := c.Request.Context()
	form := view.NewForm()
	h := w.hostFields(c, form, true)
	page := view.Page{Title: "Add a host", Nav: "hosts", Form: form, Data: hostFormData{Prober: w.cfg.Prober != nil}}
	err := errInvalid
	if form.Valid() {
		err = pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
			id, err := storage.CreateHost(ctx, tx, h)
			if err != nil {
				return err
			}
			e := auditEntry(c, "create", "host", id)
			e.After = hostSnapshot(h)
			return storage.Audit(ctx, tx, e)
		})
	}
	if w.formFailed(c, err, form, page, "host_form") {
		return
	}
	w.flashRedirect(c, "/hosts", "Host "+h.Name+" added.")
}

// hostFields validates the host form. The agent key is required when adding
// and optional when editing (empty keeps the stored one); it is encrypted
// here and never echoed back into the form.
func (w *Web) hostFields(c *gin.Context, f view.Form, keyRequired bool) storage.Host {
	h := storage.Host{
		Name:        text(c, f, "name", true, 100),
		Address:     text(c, f, "address", true, 253),
		Description: text(c, f, "description", false, 500),
		Enabled:     c.PostForm("enabled") == "on",
	}
	if h.Enabled {
		f.Values["enabled"] = "on"
	}
	if f.Errors["address"] == "" && net.ParseIP(h.Address) == nil && !hostnamePattern.MatchString(h.Address) {
		f.Errors["address"] = "Enter a host name (e.g. web1.example.com) or an IP address."
	}
	port, err := strconv.Atoi(text(c, f, "port", true, 5))
	if err != nil || port < 1 || port > 65535 {
		f.Errors["port"] = "Enter a port number from 1 to 65535."
	}
	h.Port = port
	if fp := text(c, f, "fingerprint", false, 200); fp != "" {
		if h.Fingerprint, err = identity.NormalizeFingerprint(fp); err != nil {
			f.Errors["fingerprint"] = "A SHA-256 fingerprint has 64 hex digits (colons and spaces are fine)."
		}
	}
	switch key := c.PostForm("agent_key"); {
	case key == "" && keyRequired:
		f.Errors["agent_key"] = "Required: the key printed by prophasis-agent init."
	case len(key) > 512:
		f.Errors["agent_key"] = "This is too long to be an agent key."
	case key != "":
		h.AgentKey = w.keys.Seal([]byte(key))
	}
	return h
}

// hostSnapshot is what the audit log keeps of a host: never the key.
func hostSnapshot(h storage.Host) map[string]any {
	return map[string]any{"name": h.Name, "address": h.Address, "port": h.Port,
		"description": h.Description, "fingerprint": h.Fingerprint, "enabled": h.Enabled,
		"agent_key_changed": h.AgentKey != nil}
}

// errInvalid marks a form that failed validation before reaching storage.
var errInvalid = errors.New("dashboards: invalid form")

// formFailed renders the form again with messages when err is a validation
// error or a duplicate name, or the error page for anything else. It
// returns false when err is nil and the caller should go on.
func (w *Web) formFailed(c *gin.Context, err error, form view.Form, page view.Page, tmpl string) bool {
	var cycle *storage.CycleError
	switch {
	case err == nil:
		return false
	case errors.Is(err, storage.ErrDuplicate):
		form.Errors["name"] = "This name is already in use."
	case errors.As(err, &cycle):
		form.Errors["groups"] = cycle.Error()
	case errors.Is(err, errInvalid):
	default:
		w.fail(c, err)
		return true
	}
	w.render(c, http.StatusUnprocessableEntity, tmpl, page)
	return true
}
