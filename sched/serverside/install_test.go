package serverside

import (
	"context"
	"testing"

	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
)

func TestInstall(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	if err := Install(ctx, db); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, `UPDATE classifiers SET code = 'return "ok"' WHERE plugin_id = $1`, TCP); err != nil {
		t.Fatal(err)
	}
	if err := Install(ctx, db); err != nil {
		t.Fatalf("second install: %v", err)
	}
	var plugins, defaults, edited int
	err := db.QueryRow(ctx, `SELECT (SELECT count(*) FROM plugins WHERE id LIKE 'prophasis.%'),
		(SELECT count(*) FROM classifiers WHERE check_id IS NULL AND code = $1),
		(SELECT count(*) FROM classifiers WHERE plugin_id = $2 AND code = 'return "ok"')`, classifier, TCP).
		Scan(&plugins, &defaults, &edited)
	if err != nil || plugins != 3 || defaults != 2 || edited != 1 {
		t.Errorf("plugins %d, default classifiers %d, edited kept %d (err %v)", plugins, defaults, edited, err)
	}
}

// TestDefaultClassifier runs the shipped classifier in the real sandbox.
func TestDefaultClassifier(t *testing.T) {
	eng, err := classify.New(classify.DefaultConfig(), nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	cls := classify.Classifier{ID: "prophasis.http/default", Code: classifier, HistoryDepth: 1}
	for _, tc := range []struct {
		exit int
		want state.State
	}{{0, state.OK}, {1, state.Minor}, {2, state.Critical}, {3, state.Unknown}} {
		in := classify.Input{PluginID: HTTP, Result: classify.Result{Status: "ok", ExitCode: tc.exit, Message: "TLS certificate expired"}}
		out, err := eng.Classify(context.Background(), cls, in)
		if err != nil || out.State != tc.want || out.Err != nil {
			t.Errorf("exit %d: %+v, %v; want %s", tc.exit, out, err, tc.want)
		}
		if tc.exit > 0 && out.Reason != "TLS certificate expired" {
			t.Errorf("exit %d: reason %q", tc.exit, out.Reason)
		}
	}
}
