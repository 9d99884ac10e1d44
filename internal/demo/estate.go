package demo

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// hostSpec is one demo host and the plugins checked on it.
type hostSpec struct {
	name, address, description string
	plugins                    []string
}

var estate = []hostSpec{
	{"web-1", "127.0.10.1", "Web tier, behind the load balancer", []string{"demo.cpu", "demo.latency"}},
	{"web-2", "127.0.10.2", "Web tier, behind the load balancer", []string{"demo.cpu", "demo.latency"}},
	{"web-3", "127.0.10.3", "Web tier, behind the load balancer", []string{"demo.cpu", "demo.latency"}},
	{"db-1", "127.0.10.4", "PostgreSQL primary", []string{"demo.cpu", "demo.latency"}},
	{"router-1", "127.0.10.5", "Edge router", []string{"demo.link"}},
	{"files-1", "127.0.10.6", "File server", []string{"demo.cpu", "demo.disk"}},
}

// pluginSpec is a demo plugin; its tree is under plugins/<id>.
type pluginSpec struct {
	id, name string
}

var plugins = []pluginSpec{
	{"demo.cpu", "CPU usage"},
	{"demo.latency", "Response time"},
	{"demo.disk", "Disk usage /srv"},
	{"demo.link", "Uplink"},
}

// checkName is the name of the demo check running plugin p.
func checkName(p pluginSpec) string { return "demo " + p.name }

func hostNames() []string {
	out := make([]string, len(estate))
	for i, h := range estate {
		out[i] = h.name
	}
	return out
}

// estateIDs are the ids the database gave the demo rows.
type estateIDs struct {
	hosts    map[string]int64
	checks   map[string]int64 // by plugin id: one check per plugin
	services map[string]int64
}

// writeEstate creates hosts, groups, plugins, one check per plugin and the
// two services: "shop" (web tier as a redundancy group, database, router)
// and "files".
func writeEstate(ctx context.Context, tx pgx.Tx) (estateIDs, error) {
	ids := estateIDs{hosts: map[string]int64{}, checks: map[string]int64{}, services: map[string]int64{}}
	for _, h := range estate {
		var id int64
		if err := tx.QueryRow(ctx, `INSERT INTO hosts (name, address, description) VALUES ($1, $2, $3) RETURNING id`,
			h.name, h.address, h.description).Scan(&id); err != nil {
			return ids, fmt.Errorf("demo: host %s: %w", h.name, err)
		}
		ids.hosts[h.name] = id
	}
	if err := installPlugins(ctx, tx); err != nil {
		return ids, err
	}
	for _, p := range plugins {
		var check int64
		err := tx.QueryRow(ctx, `INSERT INTO checks (name, description) VALUES ($1, $2) RETURNING id`,
			checkName(p), "Demo: the simulated hosts' "+p.name+"; history generated, live results from the demo's mock agent under prophasis up --demo.").Scan(&check)
		if err != nil {
			return ids, fmt.Errorf("demo: check of %s: %w", p.id, err)
		}
		ids.checks[p.id] = check
		if _, err := tx.Exec(ctx, `INSERT INTO check_plugins (check_id, plugin_id) VALUES ($1, $2)`, check, p.id); err != nil {
			return ids, fmt.Errorf("demo: check of %s: %w", p.id, err)
		}
	}
	for _, h := range estate {
		for _, p := range h.plugins {
			if _, err := tx.Exec(ctx, `INSERT INTO check_hosts (check_id, host_id) VALUES ($1, $2)`, ids.checks[p], ids.hosts[h.name]); err != nil {
				return ids, fmt.Errorf("demo: assign %s to %s: %w", p, h.name, err)
			}
		}
	}
	return ids, writeServices(ctx, tx, &ids)
}
