package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/sched"
)

// pushOut answers a batch: how many results the pipeline accepted.
type pushOut struct {
	Accepted int `json:"accepted"`
}

// resultsPush takes a batch of results from outside: all entries are
// validated and resolved first, so a bad entry rejects the whole batch
// and nothing of it is stored.
func (a *API) resultsPush(c *gin.Context) {
	if a.deps.Results == nil {
		abort(c, http.StatusServiceUnavailable, "unavailable", "this process does not ingest results", "")
		return
	}
	var in pushIn
	if !decode(c, &in) {
		return
	}
	if err := in.validate(a.now()); err != nil {
		a.fail(c, err)
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	results, err := a.resolve(ctx, in.Results)
	if err != nil {
		a.fail(c, err)
		return
	}
	a.submit(c, ctx, results)
}

// submit hands results to the pipeline; a full buffer or a shutdown is
// 503 with the count accepted so far, so the client retries the rest.
func (a *API) submit(c *gin.Context, ctx context.Context, results []sched.Result) {
	for i, r := range results {
		if err := a.deps.Results.Submit(ctx, r); err != nil {
			a.log.Warn("pushed result refused", "job", r.Job, "err", err)
			abort(c, http.StatusServiceUnavailable, "unavailable",
				fmt.Sprintf("accepted %d of %d results, then: %v", i, len(results), err), "")
			return
		}
	}
	c.JSON(http.StatusAccepted, pushOut{Accepted: len(results)})
}

// resolve maps every entry's host and plugin to rows, naming the first
// entry whose host or plugin does not exist.
func (a *API) resolve(ctx context.Context, in []pushedResult) ([]sched.Result, error) {
	var names, keys []string
	var ids []int64
	for _, r := range in {
		names, ids, keys = append(names, r.Host), append(ids, r.HostID), append(keys, r.Plugin)
	}
	hosts, err := storage.HostRefs(ctx, a.deps.DB, names, ids)
	if err != nil {
		return nil, err
	}
	plugins, err := storage.PluginRefs(ctx, a.deps.DB, keys)
	if err != nil {
		return nil, err
	}
	byName, byID := map[string]storage.HostRef{}, map[int64]storage.HostRef{}
	for _, h := range hosts {
		byName[h.Name], byID[h.ID] = h, h
	}
	out := make([]sched.Result, 0, len(in))
	for i, r := range in {
		h, ok := byName[r.Host]
		if r.HostID != 0 {
			h, ok = byID[r.HostID]
		}
		if !ok {
			return nil, invalid(fmt.Sprintf("results[%d].host", i), "no such host")
		}
		pluginID, err := pluginOf(plugins, r.Plugin)
		if err != nil {
			return nil, invalid(fmt.Sprintf("results[%d].plugin", i), err.Error())
		}
		out = append(out, r.result(h, pluginID))
	}
	return out, nil
}

// pluginOf finds key as a plugin id, else as a name that only one plugin has.
func pluginOf(plugins []storage.PluginRef, key string) (string, error) {
	var byName []string
	for _, p := range plugins {
		if p.ID == key {
			return p.ID, nil
		}
		if p.Name == key {
			byName = append(byName, p.ID)
		}
	}
	switch len(byName) {
	case 0:
		return "", errors.New("no such plugin")
	case 1:
		return byName[0], nil
	}
	return "", fmt.Errorf("%d plugins have this name; give the plugin id", len(byName))
}
