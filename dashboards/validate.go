package dashboards

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

var usernamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$`)

const (
	minPasswordLen = 10
	maxPasswordLen = 256 // a hash input bound; nobody types more
)

// validateNewPassword checks the username, password and confirm fields of
// a form that creates an account, recording errors next to each field.
func (w *Web) validateNewPassword(c *gin.Context, f view.Form) string {
	username := strings.TrimSpace(c.PostForm("username"))
	f.Values["username"] = username
	if !usernamePattern.MatchString(username) {
		f.Errors["username"] = "Use 1–64 letters, digits, dots, dashes, underscores or @, starting with a letter or digit."
	}
	checkPassword(c, f)
	return username
}

// checkPassword validates the password and confirm fields.
func checkPassword(c *gin.Context, f view.Form) {
	pw := c.PostForm("password")
	switch n := utf8.RuneCountInString(pw); {
	case n < minPasswordLen:
		f.Errors["password"] = "The password needs at least " + strconv.Itoa(minPasswordLen) + " characters."
	case n > maxPasswordLen:
		f.Errors["password"] = "The password may have at most " + strconv.Itoa(maxPasswordLen) + " characters."
	case pw != c.PostForm("confirm"):
		f.Errors["confirm"] = "The two passwords differ."
	}
}

// text reads a trimmed single-line field, recording an error when it is
// required and empty or longer than max characters.
func text(c *gin.Context, f view.Form, name string, required bool, max int) string {
	v := strings.TrimSpace(c.PostForm(name))
	f.Values[name] = v
	switch {
	case required && v == "":
		f.Errors[name] = "Required."
	case utf8.RuneCountInString(v) > max:
		f.Errors[name] = "At most " + strconv.Itoa(max) + " characters."
	case strings.ContainsAny(v, "\x00\r\n"):
		f.Errors[name] = "Must be a single line."
	}
	return v
}

// pathID parses the :id route parameter; ok is false for anything but a
// positive integer, which the caller answers with 404.
func pathID(c *gin.Context) (int64, bool) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	return id, err == nil && id > 0
}

// ids parses a multi-valued field of row ids, ignoring anything else.
func ids(c *gin.Context, name string) []int64 {
	var out []int64
	for _, s := range c.PostFormArray(name) {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 {
			out = append(out, id)
		}
	}
	return out
}

// errorsIsNotFound reports a missing row (already deleted or revoked).
func errorsIsNotFound(err error) bool { return errors.Is(err, storage.ErrNotFound) }
