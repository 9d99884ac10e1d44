package dashboards

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/internal/schema"
)

// Health is the body of GET /healthz, for load balancers, monitoring and
// people checking an install.
type Health struct {
	// Status is ok, database_unreachable, schema_out_of_date, schema_too_new or error.
	Status string `json:"status"`
	// Database is reachable or unreachable.
	Database      string `json:"database"`
	SchemaVersion int32  `json:"schema_version"`
	Latest        int32  `json:"latest"`
	// StorageMode is timescale or plain ("" before the first migration).
	StorageMode string `json:"storage_mode"`
	// TimescaleDB is the extension version, "" in plain mode.
	TimescaleDB string `json:"timescaledb"`
}

// healthTimeout keeps a hung database from hanging health checks too.
const healthTimeout = 3 * time.Second

// healthz answers 200 only when the database is reachable and its schema
// is the one this binary expects, else 503 with what is wrong.
func (s *Server) healthz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), healthTimeout)
	defer cancel()
	h := Health{Status: "database_unreachable", Database: "unreachable"}
	conn, err := s.deps.DB.Acquire(ctx)
	if err != nil {
		s.log.Warn("healthz: database unreachable", "err", err)
		c.JSON(http.StatusServiceUnavailable, h)
		return
	}
	defer conn.Release()
	h.Database = "reachable"
	st, err := schema.Check(ctx, conn.Conn())
	h.SchemaVersion, h.Latest, h.StorageMode, h.TimescaleDB = st.Version, st.Latest, string(st.Mode), st.Timescale
	switch {
	case err == nil:
		h.Status = "ok"
		c.JSON(http.StatusOK, h)
		return
	case errors.Is(err, schema.ErrOutOfDate):
		h.Status = "schema_out_of_date"
	case errors.Is(err, schema.ErrTooNew):
		h.Status = "schema_too_new"
	default:
		h.Status = "error"
		s.log.Warn("healthz: schema check", "err", err)
	}
	c.JSON(http.StatusServiceUnavailable, h)
}
