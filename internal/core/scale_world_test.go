package core_test

import (
	"context"
	"fmt"
	"time"
)

// addHosts adds n hosts served by the world's mock agent to its check.
func (w *world) addHosts(n int) {
	w.t.Helper()
	for i := range n {
		host := w.id(`INSERT INTO hosts (name, address, agent_port, agent_key_encrypted, tls_fingerprint)
			SELECT $1, address, agent_port, agent_key_encrypted, tls_fingerprint FROM hosts WHERE id = $2
			RETURNING id`, fmt.Sprintf("web%d", i+2), w.host)
		w.exec(`INSERT INTO check_hosts (check_id, host_id) SELECT check_id, $1 FROM check_hosts WHERE host_id = $2`,
			host, w.host)
	}
}

// hostsCheckedSince counts the hosts with a result of the world's plugin
// from a run started at or after since.
func (w *world) hostsCheckedSince(since time.Time) int {
	w.t.Helper()
	var n int
	err := w.db.QueryRow(context.Background(), `SELECT count(DISTINCT host_id) FROM results
		WHERE plugin_id = $1 AND time >= $2`, pluginID, since).Scan(&n)
	if err != nil {
		w.t.Fatal(err)
	}
	return n
}

// noDoubleRuns fails when a host has two results of the world's plugin
// closer than gap: two schedulers ran the same instant.
func (w *world) noDoubleRuns(gap time.Duration) {
	w.t.Helper()
	rows, err := w.db.Query(context.Background(), `SELECT host_id, time, prev FROM (
			SELECT host_id, time, lag(time) OVER (PARTITION BY host_id ORDER BY time) AS prev
			FROM results WHERE plugin_id = $1) r
		WHERE prev IS NOT NULL AND time - prev < $2`, pluginID, gap)
	if err != nil {
		w.t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var host int64
		var at, prev time.Time
		if err := rows.Scan(&host, &at, &prev); err != nil {
			w.t.Fatal(err)
		}
		w.t.Errorf("host %d ran at %s and again at %s: one instant ran twice", host,
			prev.Format(time.StampMilli), at.Format(time.StampMilli))
	}
	var total int
	_ = w.db.QueryRow(context.Background(), `SELECT count(*) FROM results WHERE plugin_id = $1`, pluginID).Scan(&total)
	w.t.Logf("%d results checked", total)
}
