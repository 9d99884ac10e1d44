package bootstrap

import (
	"context"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/agent/bundle"
	"github.com/prophasis/prophasis/agent/stock"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/sched/serverside"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// changed packs stock plugin id with another default classifier, as a
// newer binary would embed it (same manifest version).
func changed(t *testing.T, id, classifier string) bundle.Bundle {
	t.Helper()
	orig, err := stock.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := bundle.Open(orig.Archive, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	tree := fstest.MapFS{}
	for _, name := range []string{"manifest.json", raw.Manifest.Entry} {
		data, err := fs.ReadFile(os.DirFS(filepath.Join("..", "..", "agent", "stock", id)), name)
		if err != nil {
			t.Fatal(err)
		}
		tree[name] = &fstest.MapFile{Data: data, Mode: 0o755}
	}
	tree[raw.Manifest.Classifier] = &fstest.MapFile{Data: []byte(classifier), Mode: 0o644}
	b, err := bundle.Build(tree)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func count(t *testing.T, db *pgxpool.Pool, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestInstallIsIdempotent(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	for range 2 {
		if err := Install(ctx, db, quiet); err != nil {
			t.Fatal(err)
		}
	}
	n := len(stock.IDs())
	if got := count(t, db, `SELECT count(*) FROM plugin_versions WHERE plugin_id LIKE 'com.prophasis.%'`); got != n {
		t.Errorf("%d stock versions, want %d", got, n)
	}
	if got := count(t, db, `SELECT count(*) FROM plugins WHERE id LIKE 'com.prophasis.%' AND active_version = '1.0.0'`); got != n {
		t.Errorf("%d active stock plugins, want %d", got, n)
	}
	if got := count(t, db, `SELECT count(*) FROM classifiers WHERE check_id IS NULL AND version = 1`); got != n+len(serverside.Plugins()) {
		t.Errorf("%d default classifiers, want %d", got, n+len(serverside.Plugins()))
	}
	b, _ := stock.Get("com.prophasis.cpu_load")
	code, depth, err := storage.DefaultClassifier(ctx, db, "com.prophasis.cpu_load")
	if err != nil || code != b.Classifier || depth != b.Manifest.History {
		t.Errorf("cpu classifier depth %d, same code %v, err %v", depth, code == b.Classifier, err)
	}
	if got := count(t, db, `SELECT count(*) FROM plugin_versions WHERE sha256 = decode($1, 'hex')`, b.SHA256); got != 1 {
		t.Errorf("cpu archive stored %d times", got)
	}
}

// TestChangedStockPlugin: a binary with changed stock files stores a new
// version, makes it active, and upgrades the default classifier only where
// nobody edited it.
func TestChangedStockPlugin(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	if err := Install(ctx, db, quiet); err != nil {
		t.Fatal(err)
	}
	const edited = `return "ok", "edited by an admin"`
	if err := storage.SaveDefaultClassifier(ctx, db, "com.prophasis.disk", edited, 1, nil); err != nil {
		t.Fatal(err)
	}
	const newer = `return "minor", "new stock rule"`
	next := []bundle.Bundle{changed(t, "com.prophasis.cpu_load", newer), changed(t, "com.prophasis.disk", newer)}
	for range 2 {
		if err := installBundles(ctx, db, quiet, next); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ id, code string }{
		{"com.prophasis.cpu_load", newer},
		{"com.prophasis.disk", edited},
	} {
		code, _, err := storage.DefaultClassifier(ctx, db, tc.id)
		if err != nil || code != tc.code {
			t.Errorf("%s: classifier %q (err %v), want %q", tc.id, code, err, tc.code)
		}
		p, versions, err := storage.PluginByID(ctx, db, tc.id)
		want := "1.0.0+stock." + next[0].SHA256[:12]
		if tc.id == "com.prophasis.disk" {
			want = "1.0.0+stock." + next[1].SHA256[:12]
		}
		if err != nil || len(versions) != 2 || p.ActiveVersion != want {
			t.Errorf("%s: active %q of %d versions (err %v), want %q", tc.id, p.ActiveVersion, len(versions), err, want)
		}
	}
}

// TestUploadedVersionStaysActive: a user's upload of a stock plugin id is
// not replaced by the embedded one.
func TestUploadedVersionStaysActive(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	if err := Install(ctx, db, quiet); err != nil {
		t.Fatal(err)
	}
	var user int64
	err := db.QueryRow(ctx, `INSERT INTO users (username, password_hash, role) VALUES ('admin', '$argon2id$x', 'admin') RETURNING id`).Scan(&user)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, `UPDATE plugin_versions SET uploaded_by = $1 WHERE plugin_id = 'com.prophasis.memory'`, user); err != nil {
		t.Fatal(err)
	}
	if err := installBundles(ctx, db, quiet, []bundle.Bundle{changed(t, "com.prophasis.memory", `return "ok"`)}); err != nil {
		t.Fatal(err)
	}
	p, versions, err := storage.PluginByID(ctx, db, "com.prophasis.memory")
	if err != nil || len(versions) != 2 || p.ActiveVersion != "1.0.0" {
		t.Errorf("active %q of %d versions (err %v), want the uploaded 1.0.0", p.ActiveVersion, len(versions), err)
	}
}
