package query_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
)

// forecastClassifier reads the database through every kind of history
// call: a forecast on the linear series, an average, and another plugin's
// state.
const forecastClassifier = `
local secs = history.forecast(3000, "2h")
local avg = history.avg("1h")
local raid = history.plugin("test.raid").state()
return "minor", string.format("%.0f %.1f %s", secs or -1, avg or -1, raid)
`

// TestClassifierReadsHistory runs a Lua classifier through the classify
// engine against the database: the series rises by one a minute (60 an
// hour), its last stored value is 2879 one minute before the new result,
// so 3000 is two hours away; the 1h average and the raid state are known.
func TestClassifierReadsHistory(t *testing.T) {
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) {
		s := seed(t, db)
		// A generous run limit: this test is about what history answers, and the
		// default 100 ms is tight for three database reads on a loaded CI box.
		engine, err := classify.New(classify.Config{Timeout: 10 * time.Second}, s.hist, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		v := 2880.0
		in := classify.Input{Host: classify.Host{ID: s.host, Name: "db1"}, PluginID: "test.cpu",
			Result: classify.Result{Time: now, Value: &v, Status: "ok"}}
		out, err := engine.Classify(context.Background(), classify.Classifier{ID: "forecast", Code: forecastClassifier}, in)
		if err != nil || out.Err != nil {
			t.Fatalf("classify: %v %v", err, out.Err)
		}
		f := strings.Fields(out.Reason)
		if out.State != state.Minor || len(f) != 3 {
			t.Fatalf("outcome %+v", out)
		}
		secs, _ := strconv.ParseFloat(f[0], 64)
		avg, _ := strconv.ParseFloat(f[1], 64)
		if secs < 7100 || secs > 7300 {
			t.Errorf("forecast %v s, want about 7200 (two hours)", secs)
		}
		if avg < 2849 || avg > 2850 { // minutes 2820..2879 plus two repeats (2820, 2870)
			t.Errorf("1h average %v, want about 2849.5", avg)
		}
		if f[2] != "critical" {
			t.Errorf("raid state %q, want critical", f[2])
		}
	})
}
