package main

import (
	"net/url"
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
	defer stopUp(t, upp)
	// A database of its own: `up` fills its database with a demo setup.
	admin := embeddedDSN(t, upp)
	execSQL(t, admin, `CREATE DATABASE config_apply`)
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/config_apply"
	db := u.String()
	if m := prophasis(t, "migrate", "--db", db, "--storage", "plain"); m.finish(t) != nil {
		t.Fatalf("migrate:\n%s", m.output())
	}
	dir := t.TempDir()
	const good = "version: 1\nhosts:\n  - name: web1\n    address: 10.0.0.1\nhost_groups:\n  - name: web\n    hosts:\n      - web1\n" +
		"maintenance_windows:\n  - name: patch\n    days:\n      - tue\n    start_time: \"02:00\"\n    end_time: \"04:00\"\n" +
		"    time_zone: Europe/London\n    groups:\n      - web\n"
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

	// The whole demo setup of `up` (stock plugins, its host and checks)
	// copied through a file into an empty database comes out the same.
	execSQL(t, admin, `CREATE DATABASE config_copy`)
	u.Path = "/config_copy"
	if m := prophasis(t, "migrate", "--db", u.String(), "--storage", "plain"); m.finish(t) != nil {
		t.Fatalf("migrate:\n%s", m.output())
	}
	full, copied := filepath.Join(dir, "full.yaml"), filepath.Join(dir, "copy.yaml")
	for _, step := range [][]string{
		{"config", "export", "--db", admin, "-o", full, "--archives", filepath.Join(dir, "archives")},
		{"config", "apply", "--db", u.String(), "-f", full},
		{"config", "export", "--db", u.String(), "-o", copied, "--archives", filepath.Join(dir, "archives")},
	} {
		if p := prophasis(t, step...); p.finish(t) != nil {
			t.Fatalf("%v:\n%s", step, p.output())
		}
	}
	a, _ := os.ReadFile(full)
	b, _ := os.ReadFile(copied)
	if string(a) != string(b) || !strings.Contains(string(a), "archive: archives/") {
		t.Fatalf("copy differs:\n%s\nfrom:\n%s", b, a)
	}
}
