package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
)

// params reads query parameters, remembering the first bad one so a
// handler checks once and answers 400 naming it.
type params struct {
	c   *gin.Context
	bad string
	msg string
}

func (p *params) fail(name, msg string) {
	if p.bad == "" {
		p.bad, p.msg = name, msg
	}
}

// id reads a positive integer; required ones must be present.
func (p *params) id(name string, required bool) int64 {
	s, ok := p.c.GetQuery(name)
	if !ok {
		if required {
			p.fail(name, "required")
		}
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		p.fail(name, "must be a positive integer")
	}
	return n
}

// time reads an RFC 3339 time, def when absent.
func (p *params) time(name string, def time.Time) time.Time {
	s, ok := p.c.GetQuery(name)
	if !ok {
		return def
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		p.fail(name, "must be an RFC 3339 time, e.g. 2026-01-02T15:04:05Z")
	}
	return t.UTC()
}

// limit reads ?limit= (1..maxLimit, default defaultLimit).
func (p *params) limit() int {
	s, ok := p.c.GetQuery("limit")
	if !ok {
		return defaultLimit
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > maxLimit {
		p.fail("limit", "must be an integer from 1 to "+strconv.Itoa(maxLimit))
	}
	return n
}

// ok answers 400 for the first bad parameter and reports whether all
// were good.
func (p *params) ok() bool {
	if p.bad != "" {
		abort(p.c, http.StatusBadRequest, "invalid_parameter", p.bad+" "+p.msg, p.bad)
		return false
	}
	return true
}

// timeRange reads from/to (default: the 24 hours before now) and refuses
// an empty or reversed range.
func (p *params) timeRange(now time.Time) (from, to time.Time) {
	to = p.time("to", now)
	from = p.time("from", to.Add(-24*time.Hour))
	if p.bad == "" && !from.Before(to) {
		p.fail("from", "must be before to")
	}
	return from, to
}
