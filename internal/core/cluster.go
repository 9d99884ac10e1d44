package core

import (
	"fmt"
	"os"
	"time"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/alert/channels"
	"github.com/prophasis/prophasis/ingest"
	"github.com/prophasis/prophasis/internal/secretbox"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/sched"
)

// releaseTimeout bounds giving the leases back at shutdown.
const releaseTimeout = 10 * time.Second

// cluster holds what a process needs to share its database with other
// server processes (Scale.Shared): the lease keeper of its scheduler (nil
// without the sched role) and the gated alert engine.
type cluster struct {
	leases *sched.Leases
	gate   *alertGate
}

// newCluster builds the shared-mode parts, or returns nil for a process
// running alone. taken is told the hosts the scheduler takes over.
func newCluster(cfg Config, taken func(hostIDs []int64)) (*cluster, error) {
	if !cfg.Scale.Shared {
		return nil, nil
	}
	engines, err := engineFactory(cfg)
	if err != nil {
		return nil, err
	}
	cl := &cluster{gate: newAlertGate(cfg.DB, engines, cfg.Scale.AlertRetry, cfg.Logger)}
	if cfg.Scale.Roles.Has(RoleSched) {
		holder := cfg.Scale.Holder
		if holder == "" {
			host, _ := os.Hostname()
			holder = fmt.Sprintf("%s-%d", host, os.Getpid())
		}
		cl.leases = sched.NewLeases(cfg.Scale.Leases, storage.LeaseStore{DB: cfg.DB}, holder, sched.System{}, cfg.Logger)
		cl.leases.OnTaken(taken)
	}
	return cl, nil
}

// engineFactory returns a function making alert engines that share one set
// of templates and one store, so a fresh engine per call costs two reads.
func engineFactory(cfg Config) (func() (*alert.Engine, error), error) {
	box, err := secretbox.New(cfg.Secret, channels.SecretPurpose)
	if err != nil {
		return nil, fmt.Errorf("core: notifier secrets: %w", err)
	}
	tmpl, err := alert.NewTemplates(cfg.BaseURL, "", "", "")
	if err != nil {
		return nil, fmt.Errorf("core: alert templates: %w", err)
	}
	deps := channels.Deps{Client: cfg.HTTPClient, Box: box, Now: time.Now}
	store := &storage.AlertStore{DB: cfg.DB, Build: deps.Build, Now: nowUTC}
	return func() (*alert.Engine, error) {
		eng, err := alert.New(alert.Config{Store: store, Templates: tmpl, Logger: cfg.Logger,
			TickEvery: cfg.AlertTick, GroupWait: cfg.GroupWait})
		if err != nil {
			return nil, fmt.Errorf("core: %w", err)
		}
		return eng, nil
	}, nil
}

// newScheduler makes the scheduler: alone it claims each instant on the
// shared row; sharing, it walks every instant itself and runs only the
// hosts it holds a lease on.
func (c *Core) newScheduler() *sched.Scheduler {
	store := storage.SchedStore{DB: c.cfg.DB}
	if c.cluster == nil || c.cluster.leases == nil {
		return sched.New(c.cfg.Sched, store, c.disp, sched.System{}, c.cfg.Logger)
	}
	walk := sched.NewLocalWalk(store, sched.System{}.Now())
	return sched.New(c.cfg.Sched, walk, sched.LeaseFilter{Leases: c.cluster.leases, Next: c.disp}, sched.System{}, c.cfg.Logger)
}

// hostsTaken is told the hosts this process's scheduler took from another:
// the writer forgets its copy of their current state (see ingest's
// stateCache). It is called only once Run started, after New set writer.
func (c *Core) hostsTaken(hostIDs []int64) { c.writer.ForgetHosts(hostIDs) }

// alerter is where ingest hands health transitions.
func (c *Core) alerter() ingest.Alerter {
	if c.cluster != nil {
		return c.cluster.gate
	}
	return c.alerts
}
