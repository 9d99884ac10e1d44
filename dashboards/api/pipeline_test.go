package api_test

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/ingest"
	"github.com/prophasis/prophasis/query"
	"github.com/prophasis/prophasis/sched"
)

// pipeline is the real classification and ingest path (classify engine,
// ingest.Stage, ingest.Writer) on a test database. flush writes what was
// submitted so far and starts a fresh writer.
type pipeline struct {
	db     *pgxpool.Pool
	engine *classify.Engine
	mu     sync.Mutex
	stage  *ingest.Stage
	writer *ingest.Writer
	runErr chan error
}

var _ sched.Sink = (*pipeline)(nil)

func newPipeline(t *testing.T, db *pgxpool.Pool) *pipeline {
	t.Helper()
	engine, err := classify.New(classify.DefaultConfig(), query.NewHistory(db, query.HistoryConfig{}), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := &pipeline{db: db, engine: engine}
	p.start()
	t.Cleanup(func() { p.flush(t) })
	return p
}

func (p *pipeline) start() {
	log := slog.New(slog.DiscardHandler)
	p.writer = ingest.NewWriter(ingest.Config{}, p.db, nil, nil, log)
	p.stage = ingest.NewStage(p.engine, ingest.NewLookup(p.db, 0), p.writer, log)
	p.runErr = make(chan error, 1)
	go func(w *ingest.Writer, errc chan error) { errc <- w.Run(context.Background()) }(p.writer, p.runErr)
}

// Submit is the sched.Sink the API is given.
func (p *pipeline) Submit(ctx context.Context, r sched.Result) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stage.Submit(ctx, r)
}

// flush waits until everything submitted is stored, then starts again.
func (p *pipeline) flush(t *testing.T) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := p.writer.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-p.runErr; err != nil {
		t.Fatal(err)
	}
	if st := p.writer.Stats(); st.Rejected+st.Dropped != 0 {
		t.Fatalf("ingest refused results: %+v", st)
	}
	p.start()
}
