package query_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/query"
)

// seedHostChanges gives host 5 a change log: test.one ok throughout;
// test.two's check 2 critical for 10:00-11:00 and check 3 minor for
// 10:30-12:00 of the first day.
func seedHostChanges(t *testing.T, db *pgxpool.Pool) {
	t.Helper()
	at := func(h float64) time.Time { return hostDayStart.Add(time.Duration(h * float64(time.Hour))) }
	change := func(plugin string, check int64, h float64, from, to state.State) storage.StateChange {
		return storage.StateChange{Series: storage.Series{HostID: 5, PluginID: plugin, CheckID: check}, Time: at(h), From: from, To: to}
	}
	err := storage.CopyStateChanges(context.Background(), db, []storage.StateChange{
		change("test.one", 1, 0, state.NoData, state.OK),
		change("test.two", 2, 0, state.NoData, state.OK),
		change("test.two", 3, 0, state.NoData, state.OK),
		change("test.two", 2, 10, state.OK, state.Critical),
		change("test.two", 3, 10.5, state.OK, state.Minor),
		change("test.two", 2, 11, state.Critical, state.OK),
		change("test.two", 3, 12, state.Minor, state.OK),
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestLoadHostBands(t *testing.T) {
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) {
		seedHostChanges(t, db)
		at := func(h float64) time.Time { return hostDayStart.Add(time.Duration(h * float64(time.Hour))) }
		from, to := at(1), hostDayEnd
		whole := func(s state.State) []query.Band { return []query.Band{{From: from, To: to, State: s}} }
		want := map[string][]query.Band{
			"test.one":  whole(state.OK),
			"test.none": whole(state.NoData),
			"test.two": {{From: from, To: at(10), State: state.OK}, {From: at(10), To: at(11), State: state.Critical},
				{From: at(11), To: at(12), State: state.Minor}, {From: at(12), To: to, State: state.OK}},
		}
		got, err := query.LoadHostBands(context.Background(), db, 5, []string{"test.two", "test.none", "test.one"}, from, to)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%d plugins; want %d", len(got), len(want))
		}
		for p, w := range want {
			sameBands(t, p, got[p], w)
			one, err := query.LoadBands(context.Background(), db, query.SeriesKey{HostID: 5, PluginID: p}, from, to)
			if err != nil {
				t.Fatal(err)
			}
			sameBands(t, p+" (LoadBands)", one, w)
		}
		check3, err := query.LoadBands(context.Background(), db, query.SeriesKey{HostID: 5, PluginID: "test.two", CheckID: 3}, from, to)
		if err != nil {
			t.Fatal(err)
		}
		sameBands(t, "test.two check 3", check3, []query.Band{{From: from, To: at(10.5), State: state.OK},
			{From: at(10.5), To: at(12), State: state.Minor}, {From: at(12), To: to, State: state.OK}})
	})
}

func sameBands(t *testing.T, name string, got, want []query.Band) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: bands %v; want %v", name, got, want)
	}
	for i := range want {
		if !got[i].From.Equal(want[i].From) || !got[i].To.Equal(want[i].To) || got[i].State != want[i].State {
			t.Fatalf("%s: band %d = %v; want %v", name, i, got[i], want[i])
		}
	}
}
