package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

// maxBody bounds a JSON request body; plugin uploads have their own limit.
const maxBody = 1 << 20

// decode reads c's body into v strictly: at most maxBody bytes, one JSON
// value, no unknown fields. On failure it has answered and returns false.
func decode(c *gin.Context, v any) bool {
	if err := decodeJSON(http.MaxBytesReader(c.Writer, c.Request.Body, maxBody), v); err != nil {
		var tooBig *http.MaxBytesError
		var fe *fieldError
		switch {
		case errors.As(err, &tooBig):
			abort(c, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("body over %d bytes", maxBody), "")
		case errors.As(err, &fe):
			abort(c, http.StatusBadRequest, "invalid_json", fe.Message, fe.Field)
		default:
			abort(c, http.StatusBadRequest, "invalid_json", err.Error(), "")
		}
		return false
	}
	return true
}

// decodeJSON is decode without HTTP: errors about one field are
// *fieldError so the answer can name it.
func decodeJSON(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("body must hold exactly one JSON value")
	}
	return nil
}

// jsonError turns encoding/json's errors into messages naming the field.
func jsonError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		return invalid(typeErr.Field, "must be a JSON "+typeErr.Type.Kind().String())
	case errors.As(err, &syntaxErr):
		return fmt.Errorf("malformed JSON at byte %d", syntaxErr.Offset)
	case errors.Is(err, io.EOF):
		return errors.New("empty body")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("truncated JSON")
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		field, _ := strconv.Unquote(name)
		return invalid(field, "unknown field")
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return err
	}
	return errors.New("invalid JSON")
}

// pathID parses the :id path parameter; on failure it has answered 404.
func pathID(c *gin.Context) (int64, bool) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		abort(c, http.StatusNotFound, "not_found", "no such "+resourceOf(c), "")
		return 0, false
	}
	return id, true
}
