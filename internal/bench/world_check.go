package bench

import (
	"context"
	"fmt"
	"testing/fstest"
	"time"

	"github.com/prophasis/prophasis/agent/bundle"
)

// addPlugin stores a plugin with an archive (agents get it on first use)
// and a default classifier reading the value.
func (w *world) addPlugin(ctx context.Context, id string) error {
	b, err := bundle.Build(fstest.MapFS{
		"manifest.json": {Data: fmt.Appendf(nil, `{"id":%q,"name":"P","version":"1.0.0","entry":"run.sh",
			"protocol":"json","classifier":"c.lua","history":1,"view":{"kind":"line"}}`, id)},
		"run.sh": {Data: []byte("#!/bin/sh\n")},
		"c.lua":  {Data: []byte("return 'ok'")},
	})
	if err != nil {
		return fmt.Errorf("bench: plugin bundle: %w", err)
	}
	stmts := []struct {
		q    string
		args []any
	}{
		{`INSERT INTO plugins (id, name) VALUES ($1, $1)`, []any{id}},
		{`INSERT INTO plugin_versions (plugin_id, version, archive, sha256, manifest)
			VALUES ($1, '1.0.0', $2, decode($3, 'hex'), '{}')`, []any{id, b.Archive, bundle.Digest(b.Archive)}},
		{`UPDATE plugins SET active_version = '1.0.0' WHERE id = $1`, []any{id}},
		{`INSERT INTO classifiers (plugin_id, code) VALUES ($1, $2)`, []any{id,
			`if result.value ~= nil and result.value > 50 then return "critical", "value high" end return "ok"`}},
	}
	for _, s := range stmts {
		if _, err := w.env.DB.Exec(ctx, s.q, s.args...); err != nil {
			return fmt.Errorf("bench: plugin %s: %w", id, err)
		}
	}
	w.plugins = append(w.plugins, id)
	return nil
}

// addCheck makes one check of every host with every plugin, run by one
// schedule every period from w.start.
func (w *world) addCheck(ctx context.Context, period time.Duration) error {
	db := w.env.DB
	if err := db.QueryRow(ctx, `INSERT INTO checks (name) VALUES ('bench') RETURNING id`).Scan(&w.check); err != nil {
		return fmt.Errorf("bench: check: %w", err)
	}
	if _, err := db.Exec(ctx, `INSERT INTO check_hosts (check_id, host_id) SELECT $1, unnest($2::bigint[])`, w.check, w.hosts); err != nil {
		return fmt.Errorf("bench: check hosts: %w", err)
	}
	if _, err := db.Exec(ctx, `INSERT INTO check_plugins (check_id, plugin_id) SELECT $1, unnest($2::text[])`, w.check, w.plugins); err != nil {
		return fmt.Errorf("bench: check plugins: %w", err)
	}
	var sch int64
	if err := db.QueryRow(ctx, `INSERT INTO schedules (name) VALUES ('bench') RETURNING id`).Scan(&sch); err != nil {
		return fmt.Errorf("bench: schedule: %w", err)
	}
	_, err := db.Exec(ctx, `INSERT INTO schedule_intervals (schedule_id, start_at, period) VALUES ($1, $2, $3)`,
		sch, w.start, period)
	if err == nil {
		_, err = db.Exec(ctx, `INSERT INTO schedule_checks (schedule_id, check_id) VALUES ($1, $2)`, sch, w.check)
	}
	if err != nil {
		return fmt.Errorf("bench: schedule: %w", err)
	}
	return nil
}
