package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// TestUpMonitorsThisMachine runs `prophasis up` on an empty data directory:
// without any configuration, this machine becomes a host and its four
// stock plugins have successful classified results soon after start.
func TestUpMonitorsThisMachine(t *testing.T) {
	t.Parallel()
	p := prophasis(t, "up", "--data-dir", dataDir(t), "--listen", "127.0.0.1:0")
	p.serving(t)
	defer p.stop(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, embeddedDSN(t, p))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	deadline := time.Now().Add(60 * time.Second)
	for {
		var ok int
		err := conn.QueryRow(ctx, `SELECT count(*) FROM current_state s JOIN hosts h ON h.id = s.host_id
			WHERE h.address = '127.0.0.1' AND s.status = 'ok'`).Scan(&ok)
		if err != nil {
			t.Fatal(err)
		}
		if ok == 4 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of 4 local plugins have results after a minute:\n%s", ok, p.output())
		}
		time.Sleep(200 * time.Millisecond)
	}
	assertClassifyTest(t, embeddedDSN(t, p))
	if !strings.Contains(p.output(), "this machine is now a monitored host") {
		t.Errorf("first start did not say it registered this machine:\n%s", p.output())
	}
}
