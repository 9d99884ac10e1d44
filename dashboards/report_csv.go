package dashboards

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/query"
)

// unsafeFileChars are replaced in download file names.
var unsafeFileChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// reportCSV serves GET /report/hosts/:id/csv?plugin=…&range=…: the data of
// one graph, exactly the points the page draws, as CSV (time in RFC 3339
// UTC, then avg, min, max; empty where there was no value).
func (w *Web) reportCSV(c *gin.Context) {
	h, ok := w.loadHost(c)
	if !ok {
		return
	}
	r, ok := w.reportRange(c, "24h")
	if !ok {
		return
	}
	plugin := c.Query("plugin")
	if plugin == "" {
		w.errorPage(c, http.StatusBadRequest, "No plugin", "Say which plugin's data to export.")
		return
	}
	s, err := query.LoadSeries(c.Request.Context(), w.cfg.DB, query.SeriesKey{HostID: h.ID, PluginID: plugin}, r.From, r.To, "")
	if err != nil {
		w.fail(c, err)
		return
	}
	name := unsafeFileChars.ReplaceAllString(fmt.Sprintf("%s-%s-%s.csv", h.Name, plugin, s.Tier), "_")
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Status(http.StatusOK)
	out := csv.NewWriter(c.Writer)
	_ = out.Write([]string{"time", "avg", "min", "max"})
	for _, p := range s.Points {
		_ = out.Write([]string{p.Time.UTC().Format(time.RFC3339), csvNumber(p.Avg), csvNumber(p.Min), csvNumber(p.Max)})
	}
	out.Flush()
	if err := out.Error(); err != nil {
		w.log.Warn("write csv", "path", c.Request.URL.Path, "err", err)
	}
}

func csvNumber(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'g', -1, 64)
}
