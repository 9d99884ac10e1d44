package localagent_test

import (
	"context"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/core"
	"github.com/prophasis/prophasis/internal/localagent"
	"github.com/prophasis/prophasis/internal/pgtest"
)

// TestLocalHostGetsResults runs the pipeline with the local agent: within
// a bounded time the local host has classified results of all four stock
// plugins, run by real plugin processes over real HTTPS.
func TestLocalHostGetsResults(t *testing.T) {
	db := pgtest.Plain(t)
	secret, box := newSecret(t)
	_, created := start(t, db, t.TempDir(), box)
	if !created {
		t.Fatal("first start did not register the host")
	}
	c, err := core.New(core.Config{DB: db, Secret: secret, Logger: quiet, LookupTTL: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	defer func() {
		stop()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	deadline := time.Now().Add(45 * time.Second)
	for {
		var ok int
		err := db.QueryRow(ctx, `SELECT count(*) FROM current_state s JOIN hosts h ON h.id = s.host_id
			WHERE h.name = 'this-machine' AND s.status = 'ok' AND s.plugin_id = ANY($1)`, keys(localagent.Plugins())).Scan(&ok)
		if err != nil {
			t.Fatal(err)
		}
		if ok == len(localagent.Plugins()) {
			return
		}
		if time.Now().After(deadline) {
			rows, _ := db.Query(ctx, `SELECT plugin_id || ' ' || status || ' ' || classification || ' ' || message FROM current_state`)
			for rows.Next() {
				var line string
				_ = rows.Scan(&line)
				t.Log(line)
			}
			t.Fatalf("%d of %d plugins have a successful classified result", ok, len(localagent.Plugins()))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func keys(m map[string]map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
