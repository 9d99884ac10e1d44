package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfigApplyAndExport runs the real binary against the database of
// `prophasis up`: an invalid file is refused with its line and changes
// nothing, a dry run changes nothing, apply then export gives the file.
func TestConfigApplyAndExport(t *testing.T) {
	t.Parallel()
	upp := prophasis(t, "up", "--data-dir", dataDir(t), "--listen", "127.0.0.1:0")
	upp.serving(t)
	defer upp.stop(t)
	db := embeddedDSN(t, upp)
	dir := t.TempDir()
	const good = "version: 1\nhosts:\n  - name: web1\n    address: 10.0.0.1\nhost_groups:\n  - name: web\n    hosts:\n      - web1\n"
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	run := func(args ...string) (string, error) {
		p := prophasis(t, append(args, "--db", db)...)
		err := p.finish(t)
		return p.output(), err
	}
	bad := write("bad.yaml", strings.Replace(good, "address:", "adress:", 1))
	if out, err := run("config", "apply", "-f", bad); err == nil || !strings.Contains(out, "line 4") {
		t.Fatalf("invalid file: %v\n%s", err, out)
	}
	if out, err := run("config", "apply", "-f", write("good.yaml", good), "--dry-run"); err != nil {
		t.Fatalf("dry run: %v\n%s", err, out)
	}
	exported := filepath.Join(dir, "exported.yaml")
	if out, err := run("config", "export", "-o", exported); err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	if b, _ := os.ReadFile(exported); string(b) != "version: 1\n" {
		t.Fatalf("invalid file or dry run changed the database:\n%s", b)
	}
	if out, err := run("config", "apply", "-f", filepath.Join(dir, "good.yaml")); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	if out, err := run("config", "export", "-o", exported); err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	if b, _ := os.ReadFile(exported); string(b) != good {
		t.Fatalf("export after apply:\n%s\nwant:\n%s", b, good)
	}
}
