package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/dashboards"
	"github.com/prophasis/prophasis/dashboards/api/heartbeat"
	"github.com/prophasis/prophasis/internal/config"
	"github.com/prophasis/prophasis/internal/core"
	"github.com/prophasis/prophasis/sched"
)

// rolesHelp documents --roles in `prophasis serve --help`.
const rolesHelp = "run only these roles, a comma-separated subset of sched, ingest, web " +
	"(default: all, this process alone). Giving --roles, even all three, says other server processes " +
	"share the database: schedulers split the hosts through leases and alerting is serialised " +
	"through a PostgreSQL advisory lock. See docs/deploy.md"

// scaleFromFlag reads --roles: unset means one process running everything
// alone; set means a process among others on the same database.
func scaleFromFlag(roles string, set bool) (core.Scale, error) {
	if !set {
		return core.Scale{}, nil
	}
	rs, err := core.ParseRoles(roles)
	if err != nil {
		return core.Scale{}, fmt.Errorf("--roles: %w", err)
	}
	return core.Scale{Roles: rs, Shared: true}, nil
}

// process is what one server process runs: any of the pipeline (sched or
// ingest role), the heartbeat checker (ingest) and the web app (web).
type process struct {
	ln       net.Listener
	pipeline *core.Core
	beats    *heartbeat.Checker
	web      *dashboards.Server
}

// newProcess builds the parts of scale's roles. publicURL, when set, is
// the web app's address for links in notifications; otherwise the listen
// address is.
func newProcess(logger *slog.Logger, cfg config.Server, pool *pgxpool.Pool, scale core.Scale, publicURL string) (*process, string, error) {
	p := &process{}
	base := publicURL
	if scale.Roles.Has(core.RoleWeb) {
		ln, err := net.Listen("tcp", cfg.Listen)
		if err != nil {
			return nil, "", fmt.Errorf("listen on %s: %w", cfg.Listen, err)
		}
		p.ln = ln
		if base == "" {
			base = baseURL(ln.Addr())
		}
	} else if base == "" {
		base = "http://" + cfg.Listen + "/"
	}
	err := p.build(logger, cfg, pool, scale, base)
	if err != nil && p.ln != nil {
		p.ln.Close()
	}
	return p, base, err
}

func (p *process) build(logger *slog.Logger, cfg config.Server, pool *pgxpool.Pool, scale core.Scale, base string) error {
	var err error
	var results sched.Sink // pushed results are ingest's; without it the API answers 503
	if scale.Roles.Has(core.RoleSched) || scale.Roles.Has(core.RoleIngest) {
		p.pipeline, err = core.New(core.Config{DB: pool, Secret: cfg.Secret, BaseURL: base, Logger: logger, Scale: scale})
		if err != nil {
			return err
		}
	}
	if scale.Roles.Has(core.RoleIngest) {
		results = p.pipeline
		if p.beats, err = heartbeat.NewChecker(heartbeat.Config{DB: pool, Sink: p.pipeline, Logger: logger}); err != nil {
			return err
		}
	}
	if p.ln != nil {
		p.web, err = dashboards.New(dashboards.Deps{DB: pool, Logger: logger, Secret: cfg.Secret, Results: results})
	}
	return err
}

// run runs the parts until ctx ends, then stops HTTP first and the pipeline
// in its own order. If the pipeline fails, the web app stops too: a
// monitoring server that no longer monitors must not look healthy.
func (p *process) run(ctx context.Context, logger *slog.Logger) error {
	webCtx, stopWeb := context.WithCancel(ctx)
	defer stopWeb()
	coreCtx, stopCore := context.WithCancel(context.WithoutCancel(ctx))
	coreDone := make(chan error, 1)
	if p.pipeline != nil {
		go func() { coreDone <- p.pipeline.Run(coreCtx); stopWeb() }()
	} else {
		coreDone <- nil
	}
	if p.beats != nil {
		go p.beats.Run(coreCtx) // missed heartbeats become critical results
	}
	var err error
	if p.web != nil {
		err = p.web.Serve(webCtx, p.ln)
		logger.Info("web server stopped")
	} else {
		<-webCtx.Done()
	}
	stopCore()
	return errors.Join(err, <-coreDone)
}
