package query_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/query"
)

// now is the end of the synthetic series: one value a minute for 48 hours,
// value = minutes since the start, so every window's statistics are known.
var now = time.Date(2026, 3, 2, 12, 30, 0, 0, time.UTC)

const minutes = 48 * 60

type series struct {
	db   *pgxpool.Pool
	host int64
	key  classify.SeriesKey
	hist *query.History
}

// seed stores the linear cpu series (check 1, plus every tenth point again
// under check 2 so rollups must merge checks) and a raid series whose last
// three results are critical.
func seed(t *testing.T, db *pgxpool.Pool) series {
	t.Helper()
	ctx := context.Background()
	var host int64
	if err := db.QueryRow(ctx, `INSERT INTO hosts (name, address) VALUES ('db1', '127.0.0.1') RETURNING id`).Scan(&host); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, `INSERT INTO plugins (id, name) VALUES ('test.cpu', 'CPU'), ('test.raid', 'RAID')`); err != nil {
		t.Fatal(err)
	}
	var rows []storage.Result
	start := now.Add(-minutes * time.Minute)
	for i := range minutes {
		v := float64(i)
		cls := state.OK
		if i >= minutes-5 {
			cls = state.Minor
		}
		r := storage.Result{Time: start.Add(time.Duration(i) * time.Minute), HostID: host, PluginID: "test.cpu",
			CheckID: 1, Value: &v, Message: "m", Status: "ok", Classification: cls}
		rows = append(rows, r)
		if i%10 == 0 {
			r.Time, r.CheckID = r.Time.Add(time.Second), 2
			rows = append(rows, r)
		}
	}
	for i, cls := range []state.State{state.OK, state.OK, state.Critical, state.Critical, state.Critical} {
		rows = append(rows, storage.Result{Time: now.Add(time.Duration(i-5) * time.Minute), HostID: host,
			PluginID: "test.raid", Status: "ok", Message: "resync", Classification: cls})
	}
	if _, err := storage.CopyResults(ctx, db, rows); err != nil {
		t.Fatal(err)
	}
	key := classify.SeriesKey{HostID: host, PluginID: "test.cpu"}
	return series{db: db, host: host, key: key, hist: query.NewHistory(db, query.HistoryConfig{})}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestHistoryWindows(t *testing.T) {
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) {
		s := seed(t, db)
		ctx := context.Background()
		last := float64(minutes - 1)
		pts, err := s.hist.Values(ctx, s.key, classify.Range{From: now.Add(-15 * time.Minute), To: now}, 5)
		if err != nil || len(pts) != 5 || *pts[0].Value != last-4 || *pts[4].Value != last {
			t.Fatalf("values = %v, %v; want the newest 5, oldest first", pts, err)
		}
		prev, err := s.hist.Last(ctx, s.key, now.Add(-time.Minute), 2)
		if err != nil || len(prev) != 2 || *prev[0].Value != last-1 || prev[0].Message != "m" {
			t.Fatalf("last = %v, %v; want newest first with messages", prev, err)
		}
		for _, w := range []time.Duration{time.Hour, 7 * time.Hour, 30 * time.Hour} { // raw, then rollup path
			a, err := s.hist.Aggregate(ctx, s.key, classify.Range{From: now.Add(-w), To: now})
			n := w.Minutes()
			// check 2 repeats every tenth minute: the window's multiples of 10 count twice
			var sum, count float64
			for v := last - n + 1; v <= last; v++ {
				sum, count = sum+v, count+1
				if int(v)%10 == 0 {
					sum, count = sum+v, count+1
				}
			}
			if err != nil || a.Count != int64(count) || !near(a.Sum, sum) || a.Min != last-n+1 || a.Max != last {
				t.Fatalf("aggregate %v = %+v, %v; want count %v sum %v", w, a, err, count, sum)
			}
		}
		p, ok, err := s.hist.Percentile(ctx, s.key, 0.5, classify.Range{From: now.Add(-4 * time.Minute), To: now})
		if err != nil || !ok || !near(p, last-1.5) {
			t.Fatalf("median = %v %v %v, want %v", p, ok, err, last-1.5)
		}
		if _, ok, _ := s.hist.Percentile(ctx, s.key, 0.5, classify.Range{From: now, To: now.Add(time.Hour)}); ok {
			t.Fatal("percentile of an empty window reported a value")
		}
	})
}

func TestHistoryRollups(t *testing.T) {
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) {
		s := seed(t, db)
		ctx := context.Background()
		hours, err := s.hist.Rollup(ctx, s.key, classify.Hourly, classify.Range{From: now.Add(-6 * time.Hour), To: now}, 3)
		if err != nil || len(hours) != 3 {
			t.Fatalf("hourly = %v, %v; want the newest 3", hours, err)
		}
		h := hours[0] // 10:00-11:00: minutes 2730..2789 plus six repeats under check 2
		if !h.Time.Equal(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)) || h.Count != 66 || h.Min != 2730 || h.Max != 2789 ||
			h.Worst != state.OK {
			t.Fatalf("hourly bucket %+v", h)
		}
		if hours[2].Worst != state.Minor {
			t.Fatalf("last hour's worst is %s, want minor", hours[2].Worst)
		}
		days, err := s.hist.Rollup(ctx, s.key, classify.Daily, classify.Range{From: now.Add(-72 * time.Hour), To: now}, 10)
		var total int64
		for _, d := range days {
			total += d.Count
		}
		if err != nil || len(days) != 3 || total != minutes+minutes/10 {
			t.Fatalf("daily = %+v, %v; want 3 days holding every value", days, err)
		}
	})
}

func TestHistoryStateOfAnotherPlugin(t *testing.T) {
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) {
		s := seed(t, db)
		ctx := context.Background()
		raid := classify.SeriesKey{HostID: s.host, PluginID: "test.raid"}
		st, since, err := s.hist.State(ctx, raid, now) // no current_state row: walks results
		if err != nil || st != state.Critical || !since.Equal(now.Add(-3*time.Minute)) {
			t.Fatalf("state = %s since %v, %v; want critical since -3m", st, since, err)
		}
		st, since, err = s.hist.State(ctx, raid, now.Add(-3*time.Minute)) // a backtest before the break
		if err != nil || st != state.OK || !since.Equal(now.Add(-5*time.Minute)) {
			t.Fatalf("state at -3m = %s since %v, %v; want ok since -5m", st, since, err)
		}
		n, err := s.hist.Consecutive(ctx, raid, now, []state.State{state.Critical, state.Major}, 10)
		if err != nil || n != 3 {
			t.Fatalf("consecutive = %d, %v; want 3", n, err)
		}
		cs := storage.CurrentState{Series: storage.Series{HostID: s.host, PluginID: "test.raid"}, Time: now.Add(-time.Minute),
			Status: "ok", Classification: state.Critical, Since: now.Add(-3 * time.Minute)}
		if err := storage.UpsertCurrentStates(ctx, db, []storage.CurrentState{cs}); err != nil {
			t.Fatal(err)
		}
		if st, since, err := s.hist.State(ctx, raid, now); err != nil || st != state.Critical || !since.Equal(cs.Since) {
			t.Fatalf("state from current_state = %s since %v, %v", st, since, err)
		}
		if st, _, err := s.hist.State(ctx, classify.SeriesKey{HostID: s.host, PluginID: "test.none"}, now); err != nil || st != state.NoData {
			t.Fatalf("state of a series without results = %s, %v", st, err)
		}
	})
}
