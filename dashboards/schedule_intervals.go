package dashboards

import (
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// startLayout is the <input type="datetime-local"> format; times are UTC.
const startLayout = "2006-01-02T15:04"

var units = map[string]time.Duration{"s": time.Second, "m": time.Minute, "h": time.Hour, "d": 24 * time.Hour}

// intervalRow is one interval row of the form, as typed.
type intervalRow struct {
	ID    int64  `json:"id,omitempty"`
	Start string `json:"start"`
	Every string `json:"every"`
	Unit  string `json:"unit"`
}

// rowOf shows a stored interval in the largest unit that divides it.
func rowOf(iv storage.IntervalConfig) intervalRow {
	r := intervalRow{ID: iv.ID, Start: iv.StartAt.UTC().Format(startLayout), Unit: "s", Every: strconv.FormatInt(int64(iv.Period/time.Second), 10)}
	for _, u := range []string{"d", "h", "m"} {
		if iv.Period%units[u] == 0 {
			r.Unit, r.Every = u, strconv.FormatInt(int64(iv.Period/units[u]), 10)
			break
		}
	}
	return r
}

// intervalFields reads the aligned iv_* arrays. A row with an empty
// "every" is ignored (the blank row); a ticked iv_remove drops a row; an
// empty start means now (to the minute). At least one interval is needed.
func intervalFields(c *gin.Context, f view.Form, now time.Time) ([]storage.IntervalConfig, []intervalRow) {
	idsIn, starts, everys, unitsIn := c.PostFormArray("iv_id"), c.PostFormArray("iv_start"), c.PostFormArray("iv_every"), c.PostFormArray("iv_unit")
	remove := map[string]bool{}
	for _, r := range c.PostFormArray("iv_remove") {
		remove[r] = true
	}
	var out []storage.IntervalConfig
	var rows []intervalRow
	for i := 0; i < len(everys) && i < len(starts) && i < len(unitsIn) && i < len(idsIn) && i < 50; i++ {
		if everys[i] == "" || remove[strconv.Itoa(i)] {
			continue
		}
		id, _ := strconv.ParseInt(idsIn[i], 10, 64)
		row := intervalRow{ID: id, Start: starts[i], Every: everys[i], Unit: unitsIn[i]}
		rows = append(rows, row)
		n, err := strconv.ParseInt(row.Every, 10, 64)
		unit, okUnit := units[row.Unit]
		if err != nil || n < 1 || n > 100000 || !okUnit {
			f.Errors["intervals"] = "Each interval needs a whole number from 1 to 100000 and a unit."
			continue
		}
		start := now.UTC().Truncate(time.Minute)
		if row.Start != "" {
			if start, err = time.Parse(startLayout, row.Start); err != nil {
				f.Errors["intervals"] = "Start times look like 2026-01-31T08:00 (UTC)."
				continue
			}
		}
		out = append(out, storage.IntervalConfig{ID: max(id, 0), StartAt: start, Period: time.Duration(n) * unit})
	}
	if len(out) == 0 && f.Errors["intervals"] == "" {
		f.Errors["intervals"] = "Add at least one interval."
	}
	return out, rows
}
