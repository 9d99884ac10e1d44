package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/auth"
	"github.com/prophasis/prophasis/internal/storage"
)

// Scopes of a caller; write includes read.
const (
	scopeRead  = "read"
	scopeWrite = "write"
)

// callerKey holds the caller in the gin context.
const callerKey = "api.caller"

// caller is who made a request: an API token or a web user.
type caller struct {
	Scope   string
	TokenID int64  // 0 for a web session
	UserID  int64  // 0 for a token
	Actor   string // for the audit log: "token:<name>" or "user:<id>"
}

// authenticate accepts a bearer token, else the web session when Deps has
// one, else answers 401. A malformed or unknown token is 401 even when a
// session cookie is present: the client meant the token.
func (a *API) authenticate(c *gin.Context) {
	if h := c.GetHeader("Authorization"); h != "" {
		a.bearer(c, h)
		return
	}
	if a.deps.Session != nil {
		if id, admin, ok := a.deps.Session(c.Request); ok {
			scope := scopeRead
			if admin {
				scope = scopeWrite
			}
			c.Set(callerKey, caller{Scope: scope, UserID: id, Actor: "user:" + strconv.FormatInt(id, 10)})
			return
		}
	}
	c.Header("WWW-Authenticate", `Bearer realm="prophasis"`)
	abort(c, http.StatusUnauthorized, "unauthorized", "an API token is required (Authorization: Bearer TOKEN)", "")
}

func (a *API) bearer(c *gin.Context, header string) {
	scheme, token, _ := strings.Cut(header, " ")
	token = strings.TrimSpace(token)
	if !strings.EqualFold(scheme, "Bearer") || token == "" || len(token) > 256 {
		abort(c, http.StatusUnauthorized, "unauthorized", "Authorization must be: Bearer TOKEN", "")
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	tok, err := storage.APITokenByHash(ctx, a.deps.DB, auth.HashToken(token))
	if errors.Is(err, storage.ErrNotFound) {
		c.Header("WWW-Authenticate", `Bearer realm="prophasis", error="invalid_token"`)
		abort(c, http.StatusUnauthorized, "unauthorized", "unknown or revoked API token", "")
		return
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	if err := storage.TouchAPIToken(ctx, a.deps.DB, tok, a.now()); err != nil {
		a.log.Warn("record api token use", "token_id", tok.ID, "err", err)
	}
	c.Set(callerKey, caller{Scope: tok.Scope, TokenID: tok.ID, Actor: "token:" + tok.Name})
}

// requireWrite refuses callers with read scope (403).
func (a *API) requireWrite(c *gin.Context) {
	if callerOf(c).Scope != scopeWrite {
		abort(c, http.StatusForbidden, "forbidden", "this token has read scope; writing needs a write token", "")
	}
}

// callerOf returns the authenticated caller.
func callerOf(c *gin.Context) caller {
	v, _ := c.Get(callerKey)
	cl, _ := v.(caller)
	return cl
}

// userID is the web user behind the request, for created_by/updated_by
// columns; nil for tokens.
func (cl caller) userID() *int64 {
	if cl.UserID == 0 {
		return nil
	}
	return &cl.UserID
}
