package core_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/core"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/sched"
)

// alertLockKey is core's advisory lock key for alert engine calls.
const alertLockKey int64 = 0x70726f7068617369

// TestAlertingSharedByIngestProcesses runs two cores with the ingest role
// on one database. Both tick the alert engine, yet the webhook hears each
// problem and recovery once. While a session that holds the alert lock
// hangs, nothing goes out; once that session dies, the surviving core takes
// the lock over and sends what was queued meanwhile.
func TestAlertingSharedByIngestProcesses(t *testing.T) {
	t.Parallel()
	db := pgtest.Plain(t)
	w := newWorld(t, db)
	a := startCore(t, db, "a", core.Roles(core.RoleIngest))
	b := startCore(t, db, "b", core.Roles(core.RoleIngest|core.RoleWeb))

	w.push(a.Core, 90)
	w.waitHealth(state.Critical)
	w.waitHooks("problem")
	w.push(b.Core, 10)
	w.waitHealth(state.OK)
	w.waitHooks("problem", "recovery")
	a.stop(t)

	holder, err := pgx.Connect(context.Background(), pgtest.DSN(t, db))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := holder.Exec(context.Background(), `SELECT pg_advisory_lock($1)`, alertLockKey); err != nil {
		t.Fatal(err)
	}
	w.push(b.Core, 90)
	w.waitHealth(state.Critical)
	time.Sleep(300 * time.Millisecond) // fifteen ticks of b, all refused the lock
	if got := w.hooks.kinds(); len(got) != 2 {
		t.Fatalf("webhook got %v while another session held the alert lock", got)
	}
	holder.Close(context.Background()) // the lock holder dies
	w.waitHooks("problem", "recovery", "problem")
}

// push submits a result of value for the world's host, as the REST API does.
func (w *world) push(c *core.Core, value float64) {
	w.t.Helper()
	check := w.id(`SELECT check_id FROM check_hosts WHERE host_id = $1`, w.host)
	now := time.Now().UTC()
	r := sched.Result{Job: sched.Job{HostID: w.host, HostName: "web1", PluginID: pluginID, CheckID: check, Due: now},
		Time: now, Status: sched.StatusOK, Value: &value, Message: "pushed"}
	if err := c.Submit(context.Background(), r); err != nil {
		w.t.Fatal(err)
	}
}
