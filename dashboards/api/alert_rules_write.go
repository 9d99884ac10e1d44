package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/internal/storage"
)

// ruleSave creates (id 0) or replaces an alert rule with its links.
func (a *API) ruleSave(c *gin.Context, id int64, status int) {
	var in ruleBody
	if !decode(c, &in) {
		return
	}
	if err := in.validate(); err != nil {
		a.fail(c, err)
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	var err error
	if id == 0 {
		id, err = storage.CreateAlertRule(ctx, a.deps.DB, in.input())
	} else {
		err = storage.UpdateAlertRule(ctx, a.deps.DB, id, in.input())
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	a.ruleAnswer(c, id, status)
}

func (a *API) ruleCreate(c *gin.Context) { a.ruleSave(c, 0, http.StatusCreated) }

func (a *API) ruleReplace(c *gin.Context) {
	if id, ok := pathID(c); ok {
		a.ruleSave(c, id, http.StatusOK)
	}
}
