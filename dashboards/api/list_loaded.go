package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/internal/storage"
)

// listLoaded answers a list endpoint whose items are answered in full:
// search lists the matching summaries (?search=), the page of them is
// chosen (?limit=, ?offset=), and load builds each item's answer by id.
func listLoaded[S, T any](a *API, c *gin.Context,
	search func(context.Context, storage.DBTX, string) ([]S, error),
	id func(S) int64,
	load func(context.Context, storage.DBTX, int64) (T, error),
) {
	p, ok := pageOf(c)
	if !ok {
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	all, err := search(ctx, a.deps.DB, c.Query("search"))
	if err != nil {
		a.fail(c, err)
		return
	}
	window := paginate(all, p)
	out := list[T]{Items: make([]T, 0, len(window.Items)), Total: window.Total, NextOffset: window.NextOffset}
	for _, s := range window.Items {
		full, err := load(ctx, a.deps.DB, id(s))
		if err != nil {
			a.fail(c, err)
			return
		}
		out.Items = append(out.Items, full)
	}
	c.JSON(http.StatusOK, out)
}

// getLoaded answers the get endpoint of the same resources: load builds
// the :id item's answer (a missing one fails as not found).
func getLoaded[T any](a *API, c *gin.Context, load func(context.Context, storage.DBTX, int64) (T, error)) {
	id, ok := pathID(c)
	if !ok {
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	full, err := load(ctx, a.deps.DB, id)
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, full)
}
