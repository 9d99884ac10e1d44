package core

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/prophasis/prophasis/agent/client"
	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/ingest"
	"github.com/prophasis/prophasis/internal/secretbox"
	"github.com/prophasis/prophasis/query"
	"github.com/prophasis/prophasis/sched"
	"github.com/prophasis/prophasis/sched/agentrun"
	"github.com/prophasis/prophasis/sched/serverside"
)

// Core is the running pipeline; see the package doc.
type Core struct {
	cfg    Config
	logger *slog.Logger
	syslog *ingest.SystemLog
	client *client.Client
	sched  *sched.Scheduler
	disp   *sched.Dispatcher
	writer *ingest.Writer
	stage  *ingest.Stage
	alerts *alert.Engine
	// cluster is nil for a process running alone (Scale.Shared unset).
	cluster *cluster
}

// New builds every part of the pipeline; nothing runs until Run.
func New(cfg Config) (*Core, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	c := &Core{cfg: cfg, logger: cfg.Logger.With("component", "core")}
	if c.alerts, err = newAlerts(cfg); err != nil {
		return nil, err
	}
	if c.cluster, err = newCluster(cfg, c.hostsTaken); err != nil {
		return nil, err
	}
	c.syslog = ingest.NewSystemLog(cfg.DB, cfg.Logger)
	engine, err := classify.New(cfg.Classify, query.NewHistory(cfg.DB, query.HistoryConfig{}), c.syslog, nil)
	if err != nil {
		return nil, fmt.Errorf("core: %w", err)
	}
	c.writer = ingest.NewWriter(cfg.Ingest, cfg.DB, c.alerter(), c.syslog, cfg.Logger)
	c.stage = ingest.NewStage(engine, ingest.NewLookup(cfg.DB, cfg.LookupTTL), c.writer, cfg.Logger)
	keys, err := secretbox.New(cfg.Secret, "agent-key")
	if err != nil {
		return nil, fmt.Errorf("core: agent keys: %w", err)
	}
	c.client = client.New(client.Options{Logger: cfg.Logger})
	agents := agentrun.New(c.client, agentrun.DBHosts{DB: cfg.DB, Keys: keys}, agentrun.DBPlugins{DB: cfg.DB})
	runner := agentrun.Route(serverside.New(serverside.Config{}, sched.System{}), agents)
	c.disp = sched.NewDispatcher(cfg.Dispatch, runner, c.stage, sched.System{}, cfg.Logger)
	c.sched = c.newScheduler()
	return c, nil
}

// newAlerts builds the alert engine on the database with every channel kind.
func newAlerts(cfg Config) (*alert.Engine, error) {
	engines, err := engineFactory(cfg)
	if err != nil {
		return nil, err
	}
	return engines()
}

func nowUTC() time.Time { return time.Now().UTC() }
