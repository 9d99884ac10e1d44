// Package agentrun runs scheduled jobs on agents: it adapts agent/client
// (pinned HTTPS, plugin sync before a run, errors mapped to statuses) to
// sched.Runner, and routes the core's own server-side checks elsewhere.
package agentrun

import (
	"context"
	"fmt"

	"github.com/prophasis/prophasis/agent/client"
	"github.com/prophasis/prophasis/sched"
	"github.com/prophasis/prophasis/sched/serverside"
)

// Hosts tells how to reach a host's agent: address, decrypted key and
// pinned fingerprint. The wiring implements it over the hosts table.
type Hosts interface {
	Conn(ctx context.Context, hostID int64) (client.HostConn, error)
}

// Plugins gives the archive of the plugin version hosts should run; the
// client only reads it when an agent lacks that version.
type Plugins interface {
	Source(ctx context.Context, pluginID string) (client.ArchiveSource, error)
}

// Runner runs jobs on agents; it implements sched.Runner.
type Runner struct {
	client  *client.Client
	hosts   Hosts
	plugins Plugins
}

var _ sched.Runner = (*Runner)(nil)

// New returns a Runner sharing c (and its connection pool) for all hosts.
func New(c *client.Client, hosts Hosts, plugins Plugins) *Runner {
	return &Runner{client: c, hosts: hosts, plugins: plugins}
}

// Run syncs the plugin if needed and runs it on the job's host. A host or
// plugin that cannot be looked up is a result too, so the failure is
// stored and classified as unknown rather than lost.
func (r *Runner) Run(ctx context.Context, job sched.Job) sched.Result {
	conn, err := r.hosts.Conn(ctx, job.HostID)
	if err != nil {
		return sched.Result{Status: sched.StatusRequestError, ExitCode: -1,
			Message: fmt.Sprintf("agent of host %s: %v", job.HostName, err)}
	}
	src, err := r.plugins.Source(ctx, job.PluginID)
	if err != nil {
		return sched.Result{Status: sched.StatusPluginError, ExitCode: -1,
			Message: fmt.Sprintf("plugin %s: %v", job.PluginID, err)}
	}
	res := r.client.Run(ctx, conn, job.PluginID, src, job.Args)
	return sched.Result{Status: sched.Status(res.Status), Value: res.Value, Message: res.Message,
		ExitCode: res.ExitCode, Duration: res.Duration, Perfdata: res.Perfdata}
}

// Route sends server-side checks to serverSide and every other job to
// agents, so one dispatcher serves both with the same per-host rules.
func Route(serverSide *serverside.Runner, agents sched.Runner) sched.Runner {
	return route{serverSide: serverSide, agents: agents}
}

type route struct {
	serverSide *serverside.Runner
	agents     sched.Runner
}

func (r route) Run(ctx context.Context, job sched.Job) sched.Result {
	if serverside.Handles(job.PluginID) {
		return r.serverSide.Run(ctx, job)
	}
	return r.agents.Run(ctx, job)
}
