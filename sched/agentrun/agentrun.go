// Package agentrun runs scheduled jobs on agents: it adapts agent/client
// (pinned HTTPS, plugin sync before a run, errors mapped to statuses) to
// sched.Runner, and routes the core's own server-side checks elsewhere.
package agentrun

import (
	"context"
	"fmt"
	"time"

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

// Config tunes a Runner; zero fields take the documented defaults.
type Config struct {
	// CacheTTL is how long a host's connection details and a plugin's
	// active version are reused before they are read again (default
	// 10 s): an edit in the web app reaches the checks within it, and a
	// check makes no database query in between.
	CacheTTL time.Duration
	// Clock ages the cache (default sched.System).
	Clock sched.Clock
}

// DefaultCacheTTL is Config.CacheTTL's default.
const DefaultCacheTTL = 10 * time.Second

// Runner runs jobs on agents; it implements sched.Runner.
type Runner struct {
	client  *client.Client
	hosts   Hosts
	plugins Plugins
	conns   *cache[int64, client.HostConn]
	sources *cache[string, client.ArchiveSource]
}

var _ sched.Runner = (*Runner)(nil)

// New returns a Runner sharing c (and its connection pool) for all hosts,
// with the default Config.
func New(c *client.Client, hosts Hosts, plugins Plugins) *Runner {
	return NewRunner(Config{}, c, hosts, plugins)
}

// NewRunner is New with settings.
func NewRunner(cfg Config, c *client.Client, hosts Hosts, plugins Plugins) *Runner {
	if cfg.CacheTTL <= 0 {
		cfg.CacheTTL = DefaultCacheTTL
	}
	if cfg.Clock == nil {
		cfg.Clock = sched.System{}
	}
	return &Runner{client: c, hosts: hosts, plugins: plugins,
		conns:   newCache[int64, client.HostConn](cfg.CacheTTL, cfg.Clock),
		sources: newCache[string, client.ArchiveSource](cfg.CacheTTL, cfg.Clock)}
}

// Run syncs the plugin if needed and runs it on the job's host. A host or
// plugin that cannot be looked up is a result too, so the failure is
// stored and classified as unknown rather than lost. A run refused by the
// agent's key or failing to connect forgets the host's details, so a key
// or address just changed in the web app is read at the next check rather
// than after the cache's time.
func (r *Runner) Run(ctx context.Context, job sched.Job) sched.Result {
	conn, err := r.conns.get(ctx, job.HostID, func(ctx context.Context) (client.HostConn, error) {
		return r.hosts.Conn(ctx, job.HostID)
	})
	if err != nil {
		return sched.Result{Status: sched.StatusRequestError, ExitCode: -1,
			Message: fmt.Sprintf("agent of host %s: %v", job.HostName, err)}
	}
	src, err := r.sources.get(ctx, job.PluginID, func(ctx context.Context) (client.ArchiveSource, error) {
		return r.plugins.Source(ctx, job.PluginID)
	})
	if err != nil {
		return sched.Result{Status: sched.StatusPluginError, ExitCode: -1,
			Message: fmt.Sprintf("plugin %s: %v", job.PluginID, err)}
	}
	res := r.client.Run(ctx, conn, job.PluginID, src, job.Args)
	if res.Status == client.StatusAuthError || res.Status == client.StatusConnectionError {
		r.conns.forget(job.HostID)
	}
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
