package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/internal/storage"
)

// deleteByID is the handler of DELETE /<resource>/:id for every resource
// whose store deletes by numeric id: 204 when remove succeeded, the usual
// JSON error (404 for an unknown id, 422 for a refused delete) otherwise.
func (a *API) deleteByID(remove func(ctx context.Context, db storage.DBTX, id int64) error) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, ok := pathID(c)
		if !ok {
			return
		}
		ctx, cancel := a.ctx(c)
		defer cancel()
		if err := remove(ctx, a.deps.DB, id); err != nil {
			a.fail(c, err)
			return
		}
		c.Status(http.StatusNoContent)
	}
}
