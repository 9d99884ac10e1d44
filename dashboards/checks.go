package dashboards

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

func (w *Web) checkList(c *gin.Context) {
	q := c.Query("q")
	checks, err := storage.ListCheckConfigs(c.Request.Context(), w.cfg.DB, q)
	if err != nil {
		w.fail(c, err)
		return
	}
	w.render(c, http.StatusOK, "checks", view.Page{Title: "Checks", Nav: "checks", Data: map[string]any{"Query": q, "Checks": checks}})
}

// checkFormData is the add/edit page: filterable checkbox lists of hosts,
// groups and plugins, and each plugin's declared arguments.
type checkFormData struct {
	ID      int64
	Hosts   []storage.Host
	Groups  []storage.HostGroup
	Plugins []storage.Plugin
	Args    map[string][]storage.PluginArgument
	Members storage.CheckMembers
}

// Has reports whether id is among ids, for ticking checkboxes.
func (checkFormData) Has(ids []int64, id int64) bool { return slices.Contains(ids, id) }

// Uses reports whether the check runs plugin id.
func (d checkFormData) Uses(id string) bool { _, ok := d.Members.Plugins[id]; return ok }

// Arg is the value of a plugin argument in this check ("" when unset).
func (d checkFormData) Arg(plugin, name string) string { return d.Members.Plugins[plugin][name] }

func (w *Web) checkFormData(ctx context.Context, id int64, m storage.CheckMembers) (checkFormData, error) {
	d := checkFormData{ID: id, Members: m}
	var err error
	if d.Hosts, err = storage.ListHosts(ctx, w.cfg.DB, ""); err != nil {
		return d, err
	}
	if d.Groups, err = storage.ListHostGroups(ctx, w.cfg.DB, ""); err != nil {
		return d, err
	}
	if d.Plugins, err = storage.ListPlugins(ctx, w.cfg.DB, ""); err != nil {
		return d, err
	}
	d.Args, err = storage.PluginArguments(ctx, w.cfg.DB)
	return d, err
}

func (w *Web) checkNew(c *gin.Context) {
	d, err := w.checkFormData(c.Request.Context(), 0, storage.CheckMembers{})
	if err != nil {
		w.fail(c, err)
		return
	}
	form := view.NewForm()
	form.Values["enabled"] = "on"
	w.render(c, http.StatusOK, "check_form", view.Page{Title: "Add a check", Nav: "checks", Form: form, Data: d})
}

func (w *Web) checkCreate(c *gin.Context) { w.saveCheck(c, storage.CheckConfig{}) }

// saveCheck validates and stores a check with its members in one
// transaction; required plugin arguments must be given.
func (w *Web) saveCheck(c *gin.Context, before storage.CheckConfig) {
	ctx := c.Request.Context()
	form := view.NewForm()
	chk := storage.CheckConfig{ID: before.ID, Name: text(c, form, "name", true, 200),
		Description: text(c, form, "description", false, 500), Enabled: c.PostForm("enabled") == "on"}
	if chk.Enabled {
		form.Values["enabled"] = "on"
	}
	m := storage.CheckMembers{HostIDs: ids(c, "hosts"), GroupIDs: ids(c, "groups"), Plugins: map[string]map[string]string{}}
	d, err := w.checkFormData(ctx, chk.ID, m)
	if err != nil {
		w.fail(c, err)
		return
	}
	w.checkPlugins(c, form, d.Args, m.Plugins)
	title := "Add a check"
	if chk.ID != 0 {
		title = "Check " + before.Name
	}
	page := view.Page{Title: title, Nav: "checks", Form: form, Data: d}
	err = errInvalid
	if form.Valid() {
		err = pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
			id, err := storage.SaveCheckConfig(ctx, tx, chk, m)
			if err != nil {
				return err
			}
			e := auditEntry(c, map[bool]string{true: "create", false: "update"}[chk.ID == 0], "check", id)
			e.After = map[string]any{"name": chk.Name, "enabled": chk.Enabled, "hosts": m.HostIDs, "groups": m.GroupIDs, "plugins": m.Plugins}
			return storage.Audit(ctx, tx, e)
		})
	}
	if w.formFailed(c, err, form, page, "check_form") {
		return
	}
	w.flashRedirect(c, "/checks", "Check "+chk.Name+" saved.")
}

// checkPlugins reads the ticked plugins and their argument fields
// ("arg:<plugin>:<name>"), reporting missing required arguments.
func (w *Web) checkPlugins(c *gin.Context, form view.Form, declared map[string][]storage.PluginArgument, out map[string]map[string]string) {
	var missing []string
	for _, p := range c.PostFormArray("plugins") {
		args := map[string]string{}
		for _, a := range declared[p] {
			v := strings.TrimSpace(c.PostForm("arg:" + p + ":" + a.Name))
			switch {
			case len(v) > 1000:
				missing = append(missing, fmt.Sprintf("%s: %s is too long", p, a.Name))
			case v != "":
				args[a.Name] = v
			case a.Required && a.Default == "":
				missing = append(missing, fmt.Sprintf("%s needs %s", p, a.Name))
			}
		}
		out[p] = args
	}
	if len(missing) > 0 {
		form.Errors["plugins"] = strings.Join(missing, "; ") + "."
	}
}
