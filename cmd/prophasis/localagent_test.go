package main

import (
	"context"
	"fmt"
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
	// The first run comes about two seconds after start; the deadline leaves
	// room for two more one-minute runs in case a loaded machine times the
	// first one out.
	deadline := time.Now().Add(150 * time.Second)
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
			t.Fatalf("%d of 4 local plugins are ok after 150 s; current state:\n%s\n%s", ok, currentState(conn), p.output())
		}
		time.Sleep(200 * time.Millisecond)
	}
	assertClassifyTest(t, embeddedDSN(t, p))
	if !strings.Contains(p.output(), "this machine is now a monitored host") {
		t.Errorf("first start did not say it registered this machine:\n%s", p.output())
	}
}

// currentState lists the stored current state, for failure messages.
func currentState(conn *pgx.Conn) string {
	rows, err := conn.Query(context.Background(), `SELECT plugin_id, status, coalesce(message, '') FROM current_state ORDER BY plugin_id`)
	if err != nil {
		return err.Error()
	}
	var b strings.Builder
	for rows.Next() {
		var plugin, status, msg string
		if err := rows.Scan(&plugin, &status, &msg); err != nil {
			return err.Error()
		}
		fmt.Fprintf(&b, "  %s %s %q\n", plugin, status, msg)
	}
	return b.String()
}

// assertNoLocalAgent checks what `up --no-local-agent` promises: no agent
// was started and this machine was not registered as a host.
func assertNoLocalAgent(t *testing.T, dsn, output string) {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var hosts int
	if err := conn.QueryRow(context.Background(), `SELECT count(*) FROM hosts`).Scan(&hosts); err != nil {
		t.Fatal(err)
	}
	if hosts != 0 || strings.Contains(output, "local agent listening") {
		t.Fatalf("--no-local-agent: %d hosts registered; output:\n%s", hosts, output)
	}
}
