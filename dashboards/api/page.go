package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
)

// Pagination limits: a list answers defaultLimit items unless ?limit=
// asks for up to maxLimit.
const (
	defaultLimit = 100
	maxLimit     = 1000
)

// page is a limit/offset window over a list.
type page struct {
	Limit, Offset int
}

// list is the envelope of every list answer. NextOffset is null on the
// last page.
type list[T any] struct {
	Items      []T  `json:"items"`
	Total      int  `json:"total"`
	NextOffset *int `json:"next_offset"`
}

// pageOf reads ?limit= and ?offset=; on a bad value it has answered 400
// naming the parameter.
func pageOf(c *gin.Context) (page, bool) {
	p := page{Limit: defaultLimit}
	for _, q := range []struct {
		name     string
		dst      *int
		min, max int
	}{{"limit", &p.Limit, 1, maxLimit}, {"offset", &p.Offset, 0, 1 << 30}} {
		s, ok := c.GetQuery(q.name)
		if !ok {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < q.min || n > q.max {
			abort(c, http.StatusBadRequest, "invalid_parameter",
				q.name+" must be an integer from "+strconv.Itoa(q.min)+" to "+strconv.Itoa(q.max), q.name)
			return page{}, false
		}
		*q.dst = n
	}
	return p, true
}

// paginate cuts all to the window p. Configuration lists are small enough
// (thousands of rows) to load whole and cut in memory.
func paginate[T any](all []T, p page) list[T] {
	out := list[T]{Items: []T{}, Total: len(all)}
	if p.Offset < len(all) {
		end := min(p.Offset+p.Limit, len(all))
		out.Items = all[p.Offset:end]
		if end < len(all) {
			out.NextOffset = &end
		}
	}
	return out
}

// mapSlice converts every element with f.
func mapSlice[T, U any](in []T, f func(T) U) []U {
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}
