package confyaml

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/agent/bundle"
	"github.com/prophasis/prophasis/internal/pgtest"
)

// stockArchive packs a stock plugin into dir and returns its id, version
// and file name.
func stockArchive(t *testing.T, dir string) (id, version, name string) {
	t.Helper()
	b, err := bundle.Build(os.DirFS("../../agent/stock/com.prophasis.heartbeat"))
	if err != nil {
		t.Fatal(err)
	}
	name = "hb.tar.gz"
	if err := os.WriteFile(filepath.Join(dir, name), b.Archive, 0o600); err != nil {
		t.Fatal(err)
	}
	return b.Manifest.ID, b.Manifest.Version, name
}

// TestPluginsTravelWithTheirArchives uploads a plugin from a file, exports
// it with its archive, and applies that export to an empty database.
func TestPluginsTravelWithTheirArchives(t *testing.T) {
	src, dst := pgtest.Plain(t), pgtest.Plain(t)
	ctx := context.Background()
	dir := t.TempDir()
	id, version, name := stockArchive(t, dir)
	f := File{Version: Version, Plugins: []Plugin{{ID: id, Version: version, Archive: name}},
		Checks: []Check{{Name: "alive", Plugins: map[string]map[string]string{id: {}}}}}
	dry, err := Apply(ctx, src, f, Options{DryRun: true, Dir: dir})
	if err != nil || len(dry) != 2 || dry[0].String() != "+ plugin "+id+" "+version {
		t.Fatalf("dry run: %v, %v", dry, err)
	}
	if _, err := Apply(ctx, src, f, Options{Dir: dir}); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	exported := exportWithArchives(t, src, out)
	if len(exported.Plugins) != 1 || exported.Plugins[0].Version != version {
		t.Fatalf("exported plugins %+v", exported.Plugins)
	}
	if _, err := Apply(ctx, dst, exported, Options{Dir: out}); err != nil {
		t.Fatal(err)
	}
	a, _ := Marshal(exported)
	b, _ := Marshal(exportWithArchives(t, dst, out))
	if string(a) != string(b) || !strings.Contains(string(a), "archive: archives/") {
		t.Errorf("export of the copy:\n%s\nwant:\n%s", b, a)
	}
	if changes, err := Apply(ctx, dst, File{Version: Version, Plugins: []Plugin{{ID: id, Version: version}}}, Options{}); err != nil ||
		len(changes) != 1 {
		t.Errorf("stored version without archive: %v, %v; want only the check deleted", changes, err)
	}
}

func TestPluginArchiveMustMatch(t *testing.T) {
	db := pgtest.Plain(t)
	dir := t.TempDir()
	id, _, name := stockArchive(t, dir)
	for _, tt := range []struct {
		name string
		p    Plugin
		want string
	}{
		{"no archive", Plugin{ID: id, Version: "9.9.9"}, "give its archive"},
		{"other version", Plugin{ID: id, Version: "9.9.9", Archive: name}, "holds " + id},
		{"missing file", Plugin{ID: id, Version: "9.9.9", Archive: "nope.tar.gz"}, "no such file"},
	} {
		_, err := Apply(context.Background(), db, File{Version: Version, Plugins: []Plugin{tt.p}}, Options{Dir: dir})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}

// exportWithArchives exports db and writes its active archives under
// out/archives, referenced from the file, as `config export --archives`
// does.
func exportWithArchives(t *testing.T, db *pgxpool.Pool, out string) File {
	t.Helper()
	ctx := context.Background()
	f, err := Export(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteArchives(ctx, db, &f, filepath.Join(out, "archives"), out); err != nil {
		t.Fatal(err)
	}
	return f
}
