package dryrun

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/agent/perfdata"
	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/ingest"
)

// target is the series a test classifies.
type target struct {
	host    classify.Host
	checkID int64
	check   classify.Check
	args    map[string]string
}

// resolve finds the host (by name, else the one with the plugin's latest
// result, in the given check if any), the check (given, else that of the
// latest result of the host), and the check's arguments for the plugin.
func resolve(ctx context.Context, db *pgxpool.Pool, lookup *ingest.Lookup, opt Options) (target, error) {
	var t target
	var check *int64
	err := db.QueryRow(ctx, `SELECT r.host_id, r.check_id FROM results r
		WHERE r.plugin_id = $1 AND ($2 = '' OR r.host_id = (SELECT id FROM hosts WHERE name = $2))
			AND ($3 = 0 OR r.check_id = $3)
		ORDER BY r.time DESC LIMIT 1`, opt.PluginID, opt.Host, opt.CheckID).Scan(&t.host.ID, &check)
	if errors.Is(err, pgx.ErrNoRows) {
		return t, fmt.Errorf("dryrun: plugin %s on host %q: %w", opt.PluginID, opt.Host, ErrNoResults)
	}
	if err != nil {
		return t, fmt.Errorf("dryrun: find the series: %w", err)
	}
	if t.host, err = lookup.Host(ctx, t.host.ID); err != nil {
		return t, fmt.Errorf("dryrun: host %d: %w", t.host.ID, err)
	}
	switch {
	case opt.CheckID != 0:
		t.checkID = opt.CheckID
	case check != nil:
		t.checkID = *check
	}
	t.check.ID = t.checkID
	if t.check.Name, err = lookup.CheckName(ctx, t.checkID); err != nil {
		return t, fmt.Errorf("dryrun: check %d: %w", t.checkID, err)
	}
	var raw []byte
	err = db.QueryRow(ctx, `SELECT arguments FROM check_plugins WHERE check_id = $1 AND plugin_id = $2`,
		t.checkID, opt.PluginID).Scan(&raw)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return t, fmt.Errorf("dryrun: check arguments: %w", err)
	}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &t.args); err != nil {
			return t, fmt.Errorf("dryrun: check arguments: %w", err)
		}
	}
	return t, nil
}

// load reads the series' latest limit results in [from, to] (from zero:
// no lower bound) as classifier inputs, oldest first.
func load(ctx context.Context, db *pgxpool.Pool, lookup *ingest.Lookup, t target, pluginID string, from, to time.Time, limit int) ([]classify.Input, error) {
	rows, err := db.Query(ctx, `SELECT time, value, message, status, coalesce(exit_code, 0), perfdata
		FROM results WHERE host_id = $1 AND plugin_id = $2 AND time >= $3 AND time <= $4
		ORDER BY time DESC LIMIT $5`, t.host.ID, pluginID, from, to, limit)
	if err != nil {
		return nil, fmt.Errorf("dryrun: load results: %w", err)
	}
	var inputs []classify.Input
	for rows.Next() {
		in := classify.Input{Host: t.host, Check: t.check, PluginID: pluginID, Args: t.args}
		var perf []byte
		r := &in.Result
		if err := rows.Scan(&r.Time, &r.Value, &r.Message, &r.Status, &r.ExitCode, &perf); err != nil {
			return nil, fmt.Errorf("dryrun: read result: %w", err)
		}
		r.Perfdata = perfFrom(perf)
		inputs = append(inputs, in)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("dryrun: load results: %w", err)
	}
	slices.Reverse(inputs)
	return inputs, nil
}

// perfFrom decodes stored perfdata (written by ingest from agent points);
// anything else is ignored rather than failing the test.
func perfFrom(raw []byte) []classify.Perf {
	var points []perfdata.Point
	if len(raw) == 0 || json.Unmarshal(raw, &points) != nil {
		return nil
	}
	out := make([]classify.Perf, 0, len(points))
	for _, p := range points {
		out = append(out, classify.Perf{Label: p.Label, Value: p.Value, UOM: p.UOM, Warn: p.Warn, Crit: p.Crit, Min: p.Min, Max: p.Max})
	}
	return out
}
