package api

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/prophasis/prophasis/internal/storage"
)

// errorBody is the one error shape of the API.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field"`
}

// fieldError is a validation failure of one request field.
type fieldError struct {
	Field, Message string
}

func (e *fieldError) Error() string { return e.Field + ": " + e.Message }

// invalid returns a validation error for field.
func invalid(field, msg string) error { return &fieldError{Field: field, Message: msg} }

// abort writes an error and stops the handler chain.
func abort(c *gin.Context, status int, code, msg, field string) {
	c.AbortWithStatusJSON(status, errorBody{errorDetail{Code: code, Message: msg, Field: field}})
}

// fail answers err: validation errors name their field (422), storage's
// not-found and duplicate become 404 and 409, anything else is logged
// and answered 500 without details.
func (a *API) fail(c *gin.Context, err error) {
	var fe *fieldError
	var cycle *storage.CycleError
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &fe):
		abort(c, http.StatusUnprocessableEntity, "invalid", fe.Message, fe.Field)
	case errors.As(err, &cycle):
		abort(c, http.StatusUnprocessableEntity, "cycle", cycle.Error(), "groups")
	case errors.Is(err, storage.ErrNotFound):
		abort(c, http.StatusNotFound, "not_found", "no such "+resourceOf(c), "")
	case errors.Is(err, storage.ErrDuplicate):
		abort(c, http.StatusConflict, "duplicate", "the name is already taken", "name")
	case errors.As(err, &pgErr) && pgErr.Code == "23503": // foreign key
		abort(c, http.StatusUnprocessableEntity, "invalid_reference", "a referenced host, group, service, plugin, check or notifier does not exist", "")
	case errors.As(err, &pgErr) && pgErr.Code == "23514": // check constraint
		abort(c, http.StatusUnprocessableEntity, "invalid", "the database refused the values (rule "+pgErr.ConstraintName+")", "")
	default:
		a.log.Error("api request failed", "method", c.Request.Method, "path", c.FullPath(), "err", err)
		abort(c, http.StatusInternalServerError, "internal", "internal error", "")
	}
}

// resourceOf names the resource of the matched route for messages:
// "/api/v1/host-groups/:id" gives "host-groups".
func resourceOf(c *gin.Context) string {
	rest, _ := strings.CutPrefix(c.FullPath(), prefix+"/")
	name, _, _ := strings.Cut(rest, "/")
	if name == "" {
		return "resource"
	}
	return name
}
