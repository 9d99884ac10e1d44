package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/internal/storage"
)

func (a *API) scheduleCreate(c *gin.Context) { a.saveSchedule(c, 0, http.StatusCreated) }

func (a *API) scheduleReplace(c *gin.Context) {
	if id, ok := pathID(c); ok {
		a.saveSchedule(c, id, http.StatusOK)
	}
}

func (a *API) scheduleDelete(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	if err := storage.DeleteScheduleConfig(ctx, a.deps.DB, id); err != nil {
		a.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
