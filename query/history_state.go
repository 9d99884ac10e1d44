package query

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/internal/state"
)

// State returns the classification of the latest result before `at` and
// since when it holds. In a live run the new result is not stored yet, so
// current_state answers with one index lookup; a backtest (at in the past)
// or a series without a current state walks the results instead. With
// several checks running the same plugin, current_state's answer is the
// most recently updated check's.
func (h *History) State(ctx context.Context, key classify.SeriesKey, at time.Time) (state.State, time.Time, error) {
	const current = `SELECT classification, since, time FROM current_state
		WHERE host_id = $1 AND plugin_id = $2 ORDER BY time DESC LIMIT 1`
	ctx, cancel, _ := h.bound(ctx, 0)
	defer cancel()
	var st state.State
	var since, latest time.Time
	err := h.db.QueryRow(ctx, current, key.HostID, key.PluginID).Scan(&st, &since, &latest)
	switch {
	case errors.Is(err, pgx.ErrNoRows): // pushed results only, or a backtest
	case err != nil:
		return "", time.Time{}, fmt.Errorf("query: state of host %d plugin %q: %w", key.HostID, key.PluginID, err)
	case latest.Before(at):
		return st, since, nil
	}
	return h.stateAt(ctx, key, at)
}

// stateAtSQL finds the latest result before $3, the latest one before it
// with another classification (the break), and the first result after the
// break: the start of the run. The search for the break is bounded by $4.
const stateAtSQL = `WITH last AS (
		SELECT time, classification FROM results
		WHERE host_id = $1 AND plugin_id = $2 AND time < $3
		ORDER BY time DESC LIMIT 1),
	brk AS (
		SELECT r.time FROM results r, last
		WHERE r.host_id = $1 AND r.plugin_id = $2 AND r.time < last.time AND r.time >= $4
			AND r.classification <> last.classification
		ORDER BY r.time DESC LIMIT 1)
	SELECT last.classification, (
		SELECT min(r.time) FROM results r
		WHERE r.host_id = $1 AND r.plugin_id = $2 AND r.time <= last.time
			AND r.time > coalesce((SELECT time FROM brk), $4 - interval '1 microsecond'))
	FROM last`

func (h *History) stateAt(ctx context.Context, key classify.SeriesKey, at time.Time) (state.State, time.Time, error) {
	var st state.State
	var since time.Time
	err := h.db.QueryRow(ctx, stateAtSQL, key.HostID, key.PluginID, at, at.Add(-h.cfg.MaxLookback)).Scan(&st, &since)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return state.NoData, time.Time{}, nil
	case err != nil:
		return "", time.Time{}, fmt.Errorf("query: state of host %d plugin %q at %v: %w", key.HostID, key.PluginID, at, err)
	}
	return st, since, nil
}

// Consecutive counts the latest results before `at` whose classification is
// one of states, stopping at the first other one or after limit.
func (h *History) Consecutive(ctx context.Context, key classify.SeriesKey, at time.Time, states []state.State, limit int) (int, error) {
	const q = `SELECT classification FROM results
		WHERE host_id = $1 AND plugin_id = $2 AND time < $3
		ORDER BY time DESC LIMIT $4`
	ctx, cancel, limit := h.bound(ctx, limit)
	defer cancel()
	rows, _ := h.db.Query(ctx, q, key.HostID, key.PluginID, at, limit)
	n, stopped := 0, false
	var st state.State
	_, err := pgx.ForEachRow(rows, []any{&st}, func() error {
		if stopped = stopped || !slices.Contains(states, st); !stopped {
			n++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("query: consecutive states of host %d plugin %q: %w", key.HostID, key.PluginID, err)
	}
	return n, nil
}
