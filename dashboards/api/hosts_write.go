package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/internal/storage"
)

func (a *API) hostCreate(c *gin.Context) {
	var in hostIn
	if !decode(c, &in) {
		return
	}
	h, err := a.host(in)
	if err != nil {
		a.fail(c, err)
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	if h.ID, err = storage.CreateHost(ctx, a.deps.DB, h); err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, newHostOut(h))
}

func (a *API) hostReplace(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		return
	}
	var in hostIn
	if !decode(c, &in) {
		return
	}
	h, err := a.host(in)
	if err != nil {
		a.fail(c, err)
		return
	}
	h.ID = id
	ctx, cancel := a.ctx(c)
	defer cancel()
	if err := storage.UpdateHost(ctx, a.deps.DB, h); err != nil {
		a.fail(c, err)
		return
	}
	if h, err = storage.HostByID(ctx, a.deps.DB, id); err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, newHostOut(h))
}
