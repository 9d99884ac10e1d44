package main

import (
	"strings"
	"testing"
)

// TestDemoLoadsOnce loads the demo into the database of `prophasis up`,
// then again: the second run changes nothing.
func TestDemoLoadsOnce(t *testing.T) {
	t.Parallel()
	upp := prophasis(t, "up", "--data-dir", dataDir(t), "--listen", "127.0.0.1:0")
	upp.serving(t)
	defer upp.stop(t)
	dsn := embeddedDSN(t, upp)
	for _, want := range []string{"demo data loaded: 6 hosts, 6336 results", "already loaded"} {
		out, err := runSQLCLI(t, "", "demo", "--db", dsn, "--days", "2")
		if err != nil || !strings.Contains(out, want) {
			t.Fatalf("demo: %v; output lacks %q:\n%s", err, want, out)
		}
	}
}
