// Package historytest is a conformance suite for implementations of
// classify.History: the query package runs it against PostgreSQL (both
// storage modes) so that the semantics classifiers rely on — half-open
// ranges, ordering, which rows a limit keeps, nil values — are the same
// everywhere.
package historytest

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/internal/state"
)

// Harness is what the suite needs from an implementation.
type Harness struct {
	// History is the implementation under test, reading what Add stored.
	History classify.History
	// Add stores one classified result. Value nil is a result without one.
	Add func(ctx context.Context, key classify.SeriesKey, at time.Time, value *float64, msg string, st state.State) error
	// Refresh, if set, is called after the data is stored and before
	// rollups are read (e.g. refreshing continuous aggregates); with
	// Refresh nil the rollup checks are skipped.
	Refresh func(ctx context.Context) error
}

// Base is the end of the stored series: results lie in the 90 minutes
// before it, on whole minutes, so an hourly bucket starts at Base-1h.
var Base = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

// Keys are the series the suite writes; an implementation must keep them
// apart.
var (
	Key      = classify.SeriesKey{HostID: 1, PluginID: "com.example.cpu"}
	OtherKey = classify.SeriesKey{HostID: 1, PluginID: "com.example.raid"}
	HostKey  = classify.SeriesKey{HostID: 2, PluginID: "com.example.cpu"}
)

// Run stores the fixture through h.Add and checks every History method.
func Run(t *testing.T, h Harness) {
	t.Helper()
	ctx := t.Context()
	if err := store(ctx, h); err != nil {
		t.Fatalf("storing the fixture: %v", err)
	}
	t.Run("Last", func(t *testing.T) { checkLast(t, h.History) })
	t.Run("Values", func(t *testing.T) { checkValues(t, h.History) })
	t.Run("Aggregate", func(t *testing.T) { checkAggregate(t, h.History) })
	t.Run("Percentile", func(t *testing.T) { checkPercentile(t, h.History) })
	t.Run("State", func(t *testing.T) { checkState(t, h.History) })
	t.Run("Consecutive", func(t *testing.T) { checkConsecutive(t, h.History) })
	if h.Refresh != nil {
		t.Run("Rollup", func(t *testing.T) {
			if err := h.Refresh(ctx); err != nil {
				t.Fatal(err)
			}
			checkRollup(t, h.History)
		})
	}
}

// minute returns Base minus n minutes.
func minute(n int) time.Time { return Base.Add(-time.Duration(n) * time.Minute) }

func num(v float64) *float64 { return &v }

// store writes the fixture: on Key, a value v = 90-n at minute n before
// Base for n = 90..1 (so 0 at 90 minutes ago, rising 1 per minute), except
// minute 30, which has no value; classified ok, the last four major. On
// OtherKey and HostKey, a few decoys that must never show up in Key's reads.
func store(ctx context.Context, h Harness) error {
	for n := 90; n >= 1; n-- {
		var v *float64
		if n != 30 {
			v = num(float64(90 - n))
		}
		st := state.OK
		if n <= 4 {
			st = state.Major
		}
		if err := h.Add(ctx, Key, minute(n), v, "m"+strconv.Itoa(n), st); err != nil {
			return err
		}
	}
	for _, k := range []classify.SeriesKey{OtherKey, HostKey} {
		for n := 1; n <= 3; n++ {
			if err := h.Add(ctx, k, minute(n), num(1000), "decoy", state.Critical); err != nil {
				return err
			}
		}
	}
	return nil
}
