// Package dryrun runs a classifier (the stored one or new code) on stored
// results without writing anything: on the latest result (a dry run), or
// replayed over a past window (a backtest) with the timeline of states it
// would have produced and how many alerts it would have raised. It serves
// `prophasis classify test`.
package dryrun

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/ingest"
	"github.com/prophasis/prophasis/query"
)

// MaxResults bounds the results one backtest replays, so a long window on
// a busy series cannot exhaust memory; the report says when it was reached.
const MaxResults = 200_000

// Options says what to classify. PluginID is required; Host and CheckID
// default to those of the plugin's latest result. Code, when set, replaces
// the stored classifier. Window zero is a dry run on the latest result.
type Options struct {
	PluginID string
	Host     string
	CheckID  int64
	Code     string
	Window   time.Duration
}

// Report is what a dry run or backtest found.
type Report struct {
	Host       string
	CheckID    int64
	Classifier string // "stored" or "file"
	From, To   time.Time
	Steps      []classify.Step
	Runs       []Run
	Summary    classify.Summary
	// Truncated is set when the window held more than MaxResults results;
	// the oldest were left out.
	Truncated bool
}

// ErrNoResults means the series has no stored result in the window.
var ErrNoResults = errors.New("no stored results to classify")

// Test classifies as opt says with the database's history; it writes nothing.
func Test(ctx context.Context, db *pgxpool.Pool, opt Options, now time.Time) (Report, error) {
	lookup := ingest.NewLookup(db, time.Minute)
	t, err := resolve(ctx, db, lookup, opt)
	if err != nil {
		return Report{}, err
	}
	cls, source, err := classifier(ctx, lookup, opt, t.checkID)
	if err != nil {
		return Report{}, err
	}
	rep := Report{Host: t.host.Name, CheckID: t.checkID, Classifier: source, To: now}
	limit := 1
	if opt.Window > 0 {
		rep.From, limit = now.Add(-opt.Window), MaxResults+1
	}
	inputs, err := load(ctx, db, lookup, t, opt.PluginID, rep.From, now, limit)
	if err != nil {
		return Report{}, err
	}
	if len(inputs) == 0 {
		return Report{}, fmt.Errorf("dryrun: %s on %s: %w", opt.PluginID, t.host.Name, ErrNoResults)
	}
	if len(inputs) > MaxResults {
		inputs, rep.Truncated = inputs[len(inputs)-MaxResults:], true
	}
	engine, err := classify.New(classify.DefaultConfig(), query.NewHistory(db, query.HistoryConfig{}), nil, nil)
	if err != nil {
		return Report{}, fmt.Errorf("dryrun: %w", err)
	}
	rep.Steps, rep.Summary, err = engine.Backtest(ctx, cls, inputs)
	if err != nil {
		return Report{}, fmt.Errorf("dryrun: %w", err)
	}
	rep.Runs = Runs(rep.Steps)
	return rep, nil
}

// classifier is opt.Code, or the stored classifier of the plugin in the
// check (the check's override, else the plugin's default).
func classifier(ctx context.Context, lookup *ingest.Lookup, opt Options, checkID int64) (classify.Classifier, string, error) {
	stored, err := lookup.Classifier(ctx, opt.PluginID, checkID)
	if err != nil {
		return classify.Classifier{}, "", fmt.Errorf("dryrun: load classifier: %w", err)
	}
	if opt.Code != "" {
		depth := 1
		if stored != nil {
			depth = stored.HistoryDepth
		}
		return classify.Classifier{ID: "file", Code: opt.Code, HistoryDepth: depth}, "file", nil
	}
	if stored == nil {
		return classify.Classifier{}, "", fmt.Errorf("dryrun: plugin %s has no classifier: pass --file", opt.PluginID)
	}
	return *stored, "stored", nil
}
