package core

import (
	"bytes"
	"context"
	"log/slog"
	"testing"

	"github.com/prophasis/prophasis/internal/pgtest"
)

// BenchmarkAlertTick compares a tick of the long-lived engine of a process
// running alone with a tick in shared mode (advisory lock, fresh engine
// reading configuration and states), on a database with 200 rule × host
// states: the price of running the alerting in several processes.
func BenchmarkAlertTick(b *testing.B) {
	db := pgtest.Plain(b)
	ctx := context.Background()
	seed := []string{
		`INSERT INTO hosts (name, address) SELECT 'h' || i, '127.0.0.1' FROM generate_series(1, 200) i`,
		`INSERT INTO alert_rules (name, scope_kind, from_states, to_states) VALUES ('r', 'all_hosts', '{ok}', '{critical}')`,
		`INSERT INTO alert_state (rule_id, host_id, state, state_since)
			SELECT r.id, h.id, 'ok', now() FROM alert_rules r, hosts h`,
	}
	for _, q := range seed {
		if _, err := db.Exec(ctx, q); err != nil {
			b.Fatalf("%s: %v", q, err)
		}
	}
	cfg, err := Config{DB: db, Secret: bytes.Repeat([]byte{7}, 32), Logger: slog.New(slog.DiscardHandler)}.withDefaults()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("alone", func(b *testing.B) {
		eng, err := newAlerts(cfg)
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if err := eng.Tick(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("shared", func(b *testing.B) {
		engines, err := engineFactory(cfg)
		if err != nil {
			b.Fatal(err)
		}
		gate := newAlertGate(db, engines, 0, cfg.Logger)
		for b.Loop() {
			if ran, err := gate.tick(ctx); err != nil || !ran {
				b.Fatal(ran, err)
			}
		}
	})
}
