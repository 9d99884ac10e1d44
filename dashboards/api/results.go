package api

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/internal/storage"
)

// resultOut is one stored result.
type resultOut struct {
	Time           time.Time `json:"time"`
	HostID         int64     `json:"host_id"`
	Plugin         string    `json:"plugin"`
	CheckID        *int64    `json:"check_id"`
	Value          *float64  `json:"value"`
	Message        string    `json:"message"`
	Status         string    `json:"status"`
	Classification string    `json:"classification"`
	Reason         string    `json:"reason"`
}

// resultsPage is a page of results; NextCursor is null on the last one.
type resultsPage struct {
	Items      []resultOut `json:"items"`
	NextCursor *string     `json:"next_cursor"`
}

// resultList answers GET /results?host_id=&plugin=&from=&to=&limit=&cursor=
// newest first, paged by an opaque keyset cursor.
func (a *API) resultList(c *gin.Context) {
	p := params{c: c}
	f := storage.ResultFilter{HostID: p.id("host_id", true), PluginID: c.Query("plugin"), Limit: p.limit()}
	f.From, f.To = p.timeRange(a.now())
	if s := c.Query("cursor"); s != "" {
		pos, err := parseCursor(s)
		if err != nil {
			p.fail("cursor", "is not a cursor from a previous page")
		}
		f.After = &pos
	}
	if !p.ok() {
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	rows, err := storage.ResultsPage(ctx, a.deps.DB, f)
	if err != nil {
		a.fail(c, err)
		return
	}
	out := resultsPage{Items: mapSlice(rows, func(r storage.ResultRow) resultOut {
		return resultOut{Time: r.Time, HostID: r.HostID, Plugin: r.PluginID, CheckID: r.CheckID, Value: r.Value,
			Message: r.Message, Status: r.Status, Classification: r.Classification, Reason: r.Reason}
	})}
	if len(rows) == f.Limit {
		last := rows[len(rows)-1]
		pos := storage.ResultPos{Time: last.Time, PluginID: last.PluginID}
		if last.CheckID != nil {
			pos.CheckID = *last.CheckID
		}
		s := formatCursor(pos)
		out.NextCursor = &s
	}
	c.JSON(http.StatusOK, out)
}

// formatCursor encodes a position; it is opaque to clients.
func formatCursor(pos storage.ResultPos) string {
	b, _ := json.Marshal(pos) // a struct of a time, a string and an int always marshals
	return base64.RawURLEncoding.EncodeToString(b)
}

// parseCursor decodes what formatCursor made; anything else is an error.
func parseCursor(s string) (storage.ResultPos, error) {
	var pos storage.ResultPos
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return pos, err
	}
	return pos, decodeJSON(bytes.NewReader(b), &pos)
}
