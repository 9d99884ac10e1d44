package config

import (
	"log/slog"
	"net/url"
	"regexp"
	"strings"
)

// DSN is a PostgreSQL connection string (URL or key=value form). It may
// hold a password, so it logs redacted; String gives the real value for
// connecting.
type DSN string

// LogValue redacts the password.
func (d DSN) LogValue() slog.Value { return slog.StringValue(Redact(string(d))) }

// passwordKV matches password=... in key=value connection strings, bare or
// single-quoted (a quote inside escaped with a backslash or doubled).
var passwordKV = regexp.MustCompile(`(?i)(password\s*=\s*)('(?:[^'\\]|\\.|'')*'?|\S*)`)

// Redact replaces the password in a connection string with "xxxxx". A
// string that is not understood is replaced whole rather than risk leaking.
func Redact(dsn string) string {
	if !strings.Contains(dsn, "://") {
		return passwordKV.ReplaceAllString(dsn, "${1}xxxxx")
	}
	u, err := url.Parse(dsn)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "[redacted]"
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}
