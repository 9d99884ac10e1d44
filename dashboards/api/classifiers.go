package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/internal/storage"
)

// classifierBody is a plugin's default classifier: Lua code and how many
// latest results it sees.
type classifierBody struct {
	Code         string `json:"code"`
	HistoryDepth int    `json:"history_depth"`
}

func (a *API) classifierGet(c *gin.Context) {
	ctx, cancel := a.ctx(c)
	defer cancel()
	code, depth, err := storage.DefaultClassifier(ctx, a.deps.DB, c.Param("id"))
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, classifierBody{Code: code, HistoryDepth: depth})
}

// classifierPut replaces the default classifier after compiling it, so
// a syntax error is a 422 naming "code" instead of unknown results later.
func (a *API) classifierPut(c *gin.Context) {
	var in classifierBody
	if !decode(c, &in) {
		return
	}
	var k checker
	k.rule("code", in.Code == "", "required")
	k.rule("code", len(in.Code) > 512<<10, "at most 512 KiB")
	k.intRange("history_depth", int64(in.HistoryDepth), 1, 10000)
	if k.err == nil {
		if err := classify.Compile(in.Code); err != nil {
			k.err = invalid("code", err.Error())
		}
	}
	if k.err != nil {
		a.fail(c, k.err)
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	if _, _, err := storage.PluginByID(ctx, a.deps.DB, c.Param("id")); err != nil {
		a.fail(c, err)
		return
	}
	if err := storage.SaveDefaultClassifier(ctx, a.deps.DB, c.Param("id"), in.Code, in.HistoryDepth, callerOf(c).userID()); err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, in)
}
