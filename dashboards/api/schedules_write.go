package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func (a *API) scheduleCreate(c *gin.Context) { a.saveSchedule(c, 0, http.StatusCreated) }

func (a *API) scheduleReplace(c *gin.Context) {
	if id, ok := pathID(c); ok {
		a.saveSchedule(c, id, http.StatusOK)
	}
}
