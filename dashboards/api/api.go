// Package api is the REST API v1 under /api/v1: JSON in and out, bearer
// API tokens with read or write scope (or the web app's session for its
// own calls), one error shape ({"error": {"code", "message", "field"}}),
// limit/offset pagination on every list and an OpenAPI 3 document at
// /api/v1/openapi.json that a test keeps equal to the route table.
//
// Pushed results and heartbeats enter through Deps.Results, the same
// classification and ingest path as results of scheduled checks.
package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/secretbox"
	"github.com/prophasis/prophasis/sched"
)

// SessionFunc reports the signed-in web user behind a request carrying the
// web app's session cookie: admins get write scope, other users read.
type SessionFunc func(r *http.Request) (userID int64, admin, ok bool)

// Deps is what the API needs; DB, Logger and Secret are required.
type Deps struct {
	DB     *pgxpool.Pool
	Logger *slog.Logger
	// Secret is the server secret agent keys are encrypted with.
	Secret []byte
	// Results classifies and stores pushed results (*core.Core or
	// *ingest.Stage); nil answers pushes with 503.
	Results sched.Sink
	// Session lets the web app's pages call the API with their cookie; nil
	// means bearer tokens only.
	Session SessionFunc
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// API holds the handlers of every /api/v1 route.
type API struct {
	deps Deps
	log  *slog.Logger
	keys *secretbox.Box
}

// New checks deps and returns the API; call Mount to add its routes.
func New(deps Deps) (*API, error) {
	if deps.DB == nil || deps.Logger == nil {
		return nil, errors.New("api: Deps needs DB and Logger")
	}
	keys, err := secretbox.New(deps.Secret, "agent-key")
	if err != nil {
		return nil, errors.Join(errors.New("api: agent keys"), err)
	}
	if deps.Now == nil {
		deps.Now = time.Now
	}
	return &API{deps: deps, log: deps.Logger.With("component", "api"), keys: keys}, nil
}

// Handler returns a gin engine serving only the API, for mounting under a
// mux that is not gin, and for tests. gin's mode is the caller's choice
// (gin.SetMode is process-wide).
func (a *API) Handler() http.Handler {
	e := gin.New()
	e.Use(gin.CustomRecoveryWithWriter(nil, a.recovered))
	a.Mount(e)
	return e
}

func (a *API) recovered(c *gin.Context, err any) {
	a.log.Error("panic serving request", "path", c.Request.URL.Path, "panic", err)
	abort(c, http.StatusInternalServerError, "internal", "internal error", "")
}

// now is the API clock in UTC.
func (a *API) now() time.Time { return a.deps.Now().UTC() }

// timeout bounds one handler's database work.
func (a *API) ctx(c *gin.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(c.Request.Context(), 30*time.Second)
}
