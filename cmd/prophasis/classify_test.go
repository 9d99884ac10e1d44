package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestClassifyTestArguments(t *testing.T) {
	t.Setenv("PROPHASIS_DATABASE_URL", "")
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"plugin required", []string{"classify", "test"}, "--plugin is required"},
		{"window checked", []string{"classify", "test", "--plugin", "a.b", "--backtest", "30 days"}, "--backtest: window"},
		{"window bounded", []string{"classify", "test", "--plugin", "a.b", "--backtest", "9999d"}, "longer than the limit"},
		{"needs a database", []string{"classify", "test", "--plugin", "a.b"}, "pass --db"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := prophasis(t, tt.args...)
			if err := p.finish(t); err == nil || !strings.Contains(p.output(), tt.want) {
				t.Fatalf("prophasis %v: err %v, output:\n%s", tt.args, err, p.output())
			}
		})
	}
}

// classifyOut runs `prophasis args...` in this process and returns what it
// printed on stdout.
func classifyOut(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	root := newRootCmd(slog.New(slog.NewTextHandler(io.Discard, nil)))
	root.SetArgs(args)
	root.SetOut(&out)
	err := root.ExecuteContext(context.Background())
	return out.String(), err
}

// assertClassifyTest runs `classify test` on the local host's stored disk
// results: the stored classifier on the latest one, then a file replayed
// over the last hour. TestUpMonitorsThisMachine calls it once results exist.
func assertClassifyTest(t *testing.T, dsn string) {
	t.Helper()
	out, err := classifyOut(t, "classify", "test", "--db", dsn, "--plugin", "com.prophasis.disk")
	if err != nil || !strings.Contains(out, "stored classifier") || !strings.Contains(out, "1 results") {
		t.Fatalf("dry run with the stored classifier: %v\n%s", err, out)
	}
	file := filepath.Join(t.TempDir(), "rule.lua")
	if err := os.WriteFile(file, []byte(`return "critical", "always"`), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err = classifyOut(t, "classify", "test", "--db", dsn, "--plugin", "com.prophasis.disk", "--file", file, "--backtest", "1h")
	if err != nil {
		t.Fatalf("backtest: %v\n%s", err, out)
	}
	for _, want := range []string{"file classifier", "critical", "always", "1 alerts"} {
		if !strings.Contains(out, want) {
			t.Errorf("backtest output lacks %q:\n%s", want, out)
		}
	}
}
