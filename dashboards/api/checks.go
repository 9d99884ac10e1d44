package api

import (
	"context"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/internal/storage"
)

// checkBody is a check: hosts and host groups crossed with plugins, each
// plugin with its arguments (name → value). The same shape is read and
// written; members are replaced whole on PUT. ID is ignored in bodies.
type checkBody struct {
	ID          int64                        `json:"id"`
	Name        string                       `json:"name"`
	Description string                       `json:"description"`
	Enabled     *bool                        `json:"enabled"`
	Hosts       []int64                      `json:"hosts"`
	Groups      []int64                      `json:"groups"`
	Plugins     map[string]map[string]string `json:"plugins"`
}

func (in checkBody) validate() error {
	var k checker
	k.text("name", in.Name, true, 200)
	k.text("description", in.Description, false, 500)
	k.rule("hosts", len(in.Hosts) > 10000, "at most 10000 hosts")
	k.rule("groups", len(in.Groups) > 1000, "at most 1000 groups")
	k.rule("plugins", len(in.Plugins) > 200, "at most 200 plugins")
	for id, args := range in.Plugins {
		k.rule("plugins."+id, len(args) > 100, "at most 100 arguments")
		for name, v := range args {
			k.text("plugins."+id+"."+name, name, true, 100)
			k.text("plugins."+id+"."+name, v, false, 4096)
		}
	}
	return k.err
}

func (a *API) loadCheck(ctx context.Context, db storage.DBTX, id int64) (checkBody, error) {
	c, m, err := storage.CheckConfigByID(ctx, db, id)
	if err != nil {
		return checkBody{}, err
	}
	return checkBody{ID: c.ID, Name: c.Name, Description: c.Description, Enabled: &c.Enabled,
		Hosts: m.HostIDs, Groups: m.GroupIDs, Plugins: m.Plugins}, nil
}

func (a *API) checkList(c *gin.Context) {
	listLoaded(a, c, storage.ListCheckConfigs, func(ch storage.CheckConfig) int64 { return ch.ID }, a.loadCheck)
}

func (a *API) checkGet(c *gin.Context) {
	getLoaded(a, c, a.loadCheck)
}
