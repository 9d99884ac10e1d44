package storage_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/storage"
)

// seedExpansion creates hosts h1..h5 (h5 disabled), groups g1 ⊃ g2 ⊃ g3
// holding h1, h2, h3 and h5, check c1 (h1 directly and through g1; plugins
// cpu with arguments and disk) and disabled check c2 (h4), both run by
// schedule s1: six jobs, h1 reached twice but checked once.
func seedExpansion(t *testing.T, db *pgxpool.Pool) {
	t.Helper()
	exec(t, db, `INSERT INTO hosts (name, address, enabled) SELECT 'h' || i, '10.0.0.' || i, i < 5 FROM generate_series(1, 5) i`)
	exec(t, db, `INSERT INTO host_groups (name) VALUES ('g1'), ('g2'), ('g3')`)
	exec(t, db, `INSERT INTO host_group_groups (parent_id, child_id)
		SELECT p.id, c.id FROM host_groups p, host_groups c WHERE (p.name, c.name) IN (('g1', 'g2'), ('g2', 'g3'))`)
	exec(t, db, `INSERT INTO host_group_hosts (group_id, host_id)
		SELECT g.id, h.id FROM host_groups g, hosts h WHERE (g.name, h.name) IN (('g1', 'h1'), ('g2', 'h2'), ('g3', 'h3'), ('g3', 'h5'))`)
	exec(t, db, `INSERT INTO plugins (id, name) VALUES ('com.example.cpu', 'CPU'), ('com.example.disk', 'Disk')`)
	exec(t, db, `INSERT INTO plugin_versions (plugin_id, version, archive, sha256, manifest)
		VALUES ('com.example.cpu', '1.0.0', '\x01', decode(repeat('ab', 32), 'hex'), '{"timeout_seconds": 12.5}')`)
	exec(t, db, `UPDATE plugins SET active_version = '1.0.0' WHERE id = 'com.example.cpu'`)
	exec(t, db, `INSERT INTO checks (name, enabled) VALUES ('c1', true), ('c2', false)`)
	exec(t, db, `INSERT INTO check_hosts (check_id, host_id)
		SELECT c.id, h.id FROM checks c, hosts h WHERE (c.name, h.name) IN (('c1', 'h1'), ('c2', 'h4'))`)
	exec(t, db, `INSERT INTO check_host_groups (check_id, group_id) SELECT c.id, g.id FROM checks c, host_groups g WHERE c.name = 'c1' AND g.name = 'g1'`)
	exec(t, db, `INSERT INTO check_plugins (check_id, plugin_id, arguments)
		SELECT c.id, 'com.example.cpu', '{"warn": 80, "mode": "avg", "deep": {"a": [1]}}' FROM checks c WHERE c.name = 'c1'`)
	exec(t, db, `INSERT INTO check_plugins (check_id, plugin_id) SELECT c.id, 'com.example.disk' FROM checks c`)
	exec(t, db, `INSERT INTO schedules (name) VALUES ('s1')`)
	exec(t, db, `INSERT INTO schedule_checks (schedule_id, check_id) SELECT s.id, c.id FROM schedules s, checks c`)
}

func TestLoadExpansion(t *testing.T) {
	for _, cycle := range []bool{false, true} {
		t.Run(fmt.Sprintf("cycle=%v", cycle), func(t *testing.T) {
			ctx, db := context.Background(), pgtest.Plain(t)
			seedExpansion(t, db)
			if cycle { // the schema refuses cycles; the loader must survive one anyway
				exec(t, db, `ALTER TABLE host_group_groups DISABLE TRIGGER host_group_groups_acyclic`)
				exec(t, db, `INSERT INTO host_group_groups (parent_id, child_id)
					SELECT p.id, c.id FROM host_groups p, host_groups c WHERE p.name = 'g3' AND c.name = 'g1'`)
			}
			var sid int64
			if err := db.QueryRow(ctx, `SELECT id FROM schedules`).Scan(&sid); err != nil {
				t.Fatal(err)
			}
			e, err := storage.LoadExpansion(ctx, db, []int64{sid})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, j := range e.Jobs(e.ScheduleChecks[sid]...) {
				got = append(got, fmt.Sprintf("%s/%s/%s/%v/%s", j.HostName, j.Address, j.PluginID, j.Args, j.Timeout))
			}
			want := []string{
				"h1/10.0.0.1/com.example.cpu/map[deep:{\"a\": [1]} mode:avg warn:80]/12.5s",
				"h1/10.0.0.1/com.example.disk/map[]/0s",
				"h2/10.0.0.2/com.example.cpu/map[deep:{\"a\": [1]} mode:avg warn:80]/12.5s",
				"h2/10.0.0.2/com.example.disk/map[]/0s",
				"h3/10.0.0.3/com.example.cpu/map[deep:{\"a\": [1]} mode:avg warn:80]/12.5s",
				"h3/10.0.0.3/com.example.disk/map[]/0s",
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("jobs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func TestCycleRefusedBySchema(t *testing.T) {
	db := pgtest.Plain(t)
	seedExpansion(t, db)
	_, err := db.Exec(context.Background(), `INSERT INTO host_group_groups (parent_id, child_id)
		SELECT p.id, c.id FROM host_groups p, host_groups c WHERE p.name = 'g3' AND c.name = 'g1'`)
	if err == nil {
		t.Fatal("a cycle g1 → g2 → g3 → g1 was accepted")
	}
}

func TestCheckPluginArchive(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	seedExpansion(t, db)
	sha, err := storage.CheckPluginDigest(ctx, db, "com.example.cpu")
	if err != nil || sha != strings.Repeat("ab", 32) {
		t.Fatalf("digest = %q, %v", sha, err)
	}
	archive, err := storage.CheckPluginArchive(ctx, db, "com.example.cpu", sha)
	if err != nil || string(archive) != "\x01" {
		t.Fatalf("archive = %q, %v", archive, err)
	}
	if _, err := storage.CheckPluginDigest(ctx, db, "com.example.disk"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("plugin without active version: %v", err)
	}
	if _, err := storage.CheckPluginArchive(ctx, db, "com.example.cpu", strings.Repeat("cd", 32)); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("unknown digest: %v", err)
	}
}
