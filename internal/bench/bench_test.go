package bench

import (
	"context"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/internal/schema"
)

// TestSmoke runs every benchmark program at tiny sizes: they must finish
// without error and report every figure they promise. The figures are not
// checked against targets (that would be a timed test).
func TestSmoke(t *testing.T) {
	sizes := SmokeSizes()
	sizes.AgentBin = buildAgent(t)
	sizes.HeapProfile = filepath.Join(t.TempDir(), "b7.heap")
	want := map[string][]string{
		"b1": {"batch 100, 1 in 50 changing: ingest / COPY", "batch 1000, 1 in 50 changing: ingest / COPY",
			"batch 100, 1 in 1,000 changing: ingest / COPY", "batch 1000, 1 in 1,000 changing: ingest / COPY"},
		"b2":    {"results/s started in window", "scheduling lateness p99", "CPU s per 1,000 results"},
		"b5":    {"fault → webhook p50", "fault → webhook p99"},
		"b6":    {"compressed / uncompressed", "compressed bytes/result by column", "distinct messages: compressed / uncompressed"},
		"b7":    {"peak RSS, scheduled steady state", "peak RSS, burst (all due at once)", "first round (spread)"},
		"agent": {"idle RSS", "per check: agent CPU"},
	}
	for _, b := range All() {
		t.Run(b.Name, func(t *testing.T) {
			t.Parallel()
			rows, err := Run(context.Background(), b, Options{Mode: schema.ModePlain, Sizes: sizes, Logger: slog.New(slog.DiscardHandler)})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]Row{}
			for _, r := range rows {
				if r.Bench != b.Name || r.Value == "" {
					t.Errorf("row %+v: wrong benchmark or empty value", r)
				}
				got[r.Metric] = r
			}
			for _, m := range append(want[b.Name], "setup") {
				if _, ok := got[m]; !ok {
					t.Errorf("no %q row in %+v", m, rows)
				}
			}
			if b.Name == "b7" {
				if st, err := os.Stat(sizes.HeapProfile); err != nil || st.Size() == 0 {
					t.Errorf("no heap profile written: %v", err)
				}
			}
			var sb strings.Builder
			if err := WriteTable(&sb, rows); err != nil {
				t.Fatal(err)
			}
			t.Log("\n" + sb.String())
		})
	}
}

// buildAgent builds prophasis-agent for the agent benchmark.
func buildAgent(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "prophasis-agent")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/prophasis/prophasis/cmd/prophasis-agent").CombinedOutput()
	if err != nil {
		t.Fatalf("build agent: %v\n%s", err, out)
	}
	return bin
}
