package query_test

import (
	"context"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/query"
)

// TestLoadMessages lists only results that said something new.
func TestLoadMessages(t *testing.T) {
	db := pgtest.Plain(t)
	t0 := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	said := []struct {
		msg string
		cls state.State
	}{{"raid ok", state.OK}, {"raid ok", state.OK}, {"disk 2 rebuilding", state.Minor}, {"disk 2 rebuilding", state.Minor},
		{"disk 2 rebuilding", state.Major}, {"raid ok", state.OK}, {"raid ok", state.OK}}
	var rows []storage.Result
	for i, s := range said {
		rows = append(rows, storage.Result{Time: t0.Add(time.Duration(i) * time.Minute), HostID: 1, PluginID: "test.raid", CheckID: 1,
			Message: s.msg, Status: "ok", Classification: s.cls})
	}
	if _, err := storage.CopyResults(context.Background(), db, rows); err != nil {
		t.Fatal(err)
	}
	got, err := query.LoadMessages(context.Background(), db, query.SeriesKey{HostID: 1, PluginID: "test.raid"}, t0, t0.Add(time.Hour), 3)
	if err != nil {
		t.Fatal(err)
	}
	want := []query.Message{{Time: t0.Add(5 * time.Minute), State: state.OK, Message: "raid ok"},
		{Time: t0.Add(4 * time.Minute), State: state.Major, Message: "disk 2 rebuilding"},
		{Time: t0.Add(2 * time.Minute), State: state.Minor, Message: "disk 2 rebuilding"}}
	if len(got) != len(want) {
		t.Fatalf("got %v; want %v", got, want)
	}
	for i := range want {
		if !got[i].Time.Equal(want[i].Time) || got[i].State != want[i].State || got[i].Message != want[i].Message {
			t.Fatalf("message %d = %v; want %v", i, got[i], want[i])
		}
	}
}
