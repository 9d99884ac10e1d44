package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/storage"
)

// saveCheck creates (id 0) or replaces a check in one transaction. Unknown
// plugins are refused by name; unknown host and group ids are dropped, as
// the answer (the stored check) shows.
func (a *API) saveCheck(c *gin.Context, id int64, status int) {
	var in checkBody
	if !decode(c, &in) {
		return
	}
	if err := in.validate(); err != nil {
		a.fail(c, err)
		return
	}
	if in.Plugins == nil {
		in.Plugins = map[string]map[string]string{}
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	var out checkBody
	err := pgx.BeginFunc(ctx, a.deps.DB, func(tx pgx.Tx) error {
		if err := knownPlugins(ctx, tx, in.Plugins); err != nil {
			return err
		}
		enabled := in.Enabled == nil || *in.Enabled
		cfg := storage.CheckConfig{ID: id, Name: in.Name, Description: in.Description, Enabled: enabled}
		saved, err := storage.SaveCheckConfig(ctx, tx, cfg,
			storage.CheckMembers{HostIDs: in.Hosts, GroupIDs: in.Groups, Plugins: in.Plugins})
		if err != nil {
			return err
		}
		out, err = a.loadCheck(ctx, tx, saved)
		return err
	})
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(status, out)
}

// knownPlugins refuses plugin ids that do not exist.
func knownPlugins(ctx context.Context, db storage.DBTX, plugins map[string]map[string]string) error {
	keys := make([]string, 0, len(plugins))
	for id := range plugins {
		keys = append(keys, id)
	}
	refs, err := storage.PluginRefs(ctx, db, keys)
	if err != nil {
		return err
	}
	found := map[string]bool{}
	for _, r := range refs {
		found[r.ID] = true
	}
	for _, id := range keys {
		if !found[id] {
			return invalid("plugins."+id, "no such plugin")
		}
	}
	return nil
}

func (a *API) checkCreate(c *gin.Context) { a.saveCheck(c, 0, http.StatusCreated) }

func (a *API) checkReplace(c *gin.Context) {
	if id, ok := pathID(c); ok {
		a.saveCheck(c, id, http.StatusOK)
	}
}
