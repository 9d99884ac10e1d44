package dashboards

import (
	"context"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/storage"
)

// deleteAudited deletes row id of entity with del and records the deletion,
// with what the row held (before), in one transaction, so the audit log
// never misses a delete nor records one that did not happen; then it goes
// back to the list with msg.
func (w *Web) deleteAudited(c *gin.Context, entity string, id int64, before map[string]any,
	del func(context.Context, storage.DBTX, int64) error, back, msg string) {
	ctx := c.Request.Context()
	err := pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
		if err := del(ctx, tx, id); err != nil {
			return err
		}
		e := auditEntry(c, "delete", entity, id)
		e.Before = before
		return storage.Audit(ctx, tx, e)
	})
	if err != nil {
		w.fail(c, err)
		return
	}
	w.flashRedirect(c, back, msg)
}
