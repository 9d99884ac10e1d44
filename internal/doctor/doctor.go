// Package doctor checks a Prophasis installation from the outside in: the
// database, its schema and storage mode, TimescaleDB's background jobs,
// rollups, retention, disk use, and every enabled agent. Each check is a
// small function returning findings, so the CLI (prophasis doctor), the
// system log and a health page can share them.
package doctor

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/agent/client"
)

// Status grades a finding.
type Status string

// The statuses, from good to bad.
const (
	OK   Status = "ok"
	Warn Status = "warn"
	Fail Status = "fail"
)

// Finding is one result of one check. Message is for people and may name
// tables, hosts and numbers, never secrets.
type Finding struct {
	Check   string
	Status  Status
	Message string
}

// HostConns opens a host's connection details (address, key, pinned
// fingerprint); agentrun.DBHosts implements it with the server secret.
type HostConns interface {
	Conn(ctx context.Context, hostID int64) (client.HostConn, error)
}

// Doctor runs the checks. Hosts and Client may be nil: agents are then
// reported as not checked rather than silently skipped.
type Doctor struct {
	DB     *pgxpool.Pool
	Hosts  HostConns
	Client *client.Client
	// Now is the clock rollup lag and retention are measured against.
	Now func() time.Time
	// Timeout bounds each check (default 10 s).
	Timeout time.Duration
}

// Run makes every check and returns the findings in a stable order. A
// database that cannot be reached ends the run after that finding.
func (d *Doctor) Run(ctx context.Context) []Finding { return d.runChecks(ctx, true) }

// RunDatabase makes the checks of Run but the agents' (a server watches
// its agents as hosts already): the ones the periodic self-check repeats.
func (d *Doctor) RunDatabase(ctx context.Context) []Finding { return d.runChecks(ctx, false) }

func (d *Doctor) runChecks(ctx context.Context, agents bool) []Finding {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Timeout <= 0 {
		d.Timeout = 10 * time.Second
	}
	out := d.check(ctx, d.reachable)
	if out[0].Status == Fail {
		return out
	}
	checks := []func(context.Context) []Finding{d.schema, d.jobs, d.rollups, d.retention, d.disk, d.schedulers}
	if agents {
		checks = append(checks, d.agents)
	}
	for _, c := range checks {
		out = append(out, d.check(ctx, c)...)
	}
	return out
}

func (d *Doctor) check(ctx context.Context, c func(context.Context) []Finding) []Finding {
	ctx, cancel := context.WithTimeout(ctx, d.Timeout)
	defer cancel()
	return c(ctx)
}

// Worst is the worst status among findings, for an exit code.
func Worst(findings []Finding) Status {
	worst := OK
	for _, f := range findings {
		switch {
		case f.Status == Fail:
			return Fail
		case f.Status == Warn:
			worst = Warn
		}
	}
	return worst
}

func finding(check string, s Status, msg string) []Finding {
	return []Finding{{Check: check, Status: s, Message: msg}}
}
