package store

import (
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/prophasis/prophasis/agent/archive"
	"github.com/prophasis/prophasis/agent/bundle"
)

func pluginArchive(t *testing.T, id, version string) bundle.Bundle {
	t.Helper()
	m := `{"id":"` + id + `","name":"T","version":"` + version + `","entry":"run.sh","protocol":"json",
		"classifier":"c.lua","history":1,"view":{"kind":"line"}}`
	b, err := bundle.Build(fstest.MapFS{
		"manifest.json": {Data: []byte(m)},
		"run.sh":        {Data: []byte("#!/bin/sh\necho '{\"value\": 1}'\n")},
		"c.lua":         {Data: []byte("return 'ok'")},
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func open(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(dir, archive.DefaultLimits, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestInstallReplaceAndReload(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	v1, v2 := pluginArchive(t, "com.example.t", "1.10.0"), pluginArchive(t, "com.example.t", "1.9.0")
	if _, err := s.Install("com.example.t", v1.SHA256, v1.Archive); err != nil {
		t.Fatal(err)
	}
	running, release, err := s.Acquire("com.example.t")
	if err != nil {
		t.Fatal(err)
	}
	// A downgrade replaces the plugin while a run still uses the old files.
	if _, err := s.Install("com.example.t", v2.SHA256, v2.Archive); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(running.Dir, "run.sh")); err != nil {
		t.Fatalf("old version removed while in use: %v", err)
	}
	release()
	if _, err := os.Stat(running.Dir); !os.IsNotExist(err) {
		t.Fatalf("old version kept after its last run: %v", err)
	}
	list := s.List()
	if len(list) != 1 || list[0].Version != "1.9.0" || list[0].SHA256 != v2.SHA256 {
		t.Fatalf("list %+v", list)
	}
	os.Mkdir(filepath.Join(dir, "com.example.t", "v-leftover"), 0o755)
	os.MkdirAll(filepath.Join(dir, "com.example.never", "v-half"), 0o755)
	reloaded := open(t, dir)
	if got := reloaded.List(); len(got) != 1 || got[0] != list[0] {
		t.Fatalf("after reload %+v", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "com.example.t", "v-leftover")); !os.IsNotExist(err) {
		t.Fatal("stale version directory survived a restart")
	}
	if _, err := os.Stat(filepath.Join(dir, "com.example.never")); !os.IsNotExist(err) {
		t.Fatal("a plugin directory that was never installed survived a restart")
	}
}

func TestInstallRejects(t *testing.T) {
	s := open(t, t.TempDir())
	good := pluginArchive(t, "com.example.t", "1.0.0")
	tests := []struct {
		name, id, sha string
		data          []byte
		want          string
	}{
		{"sha mismatch", "com.example.t", strings.Repeat("0", 64), good.Archive, "does not match"},
		{"wrong id", "com.example.other", good.SHA256, good.Archive, "holds plugin"},
		{"bad id", "../x", good.SHA256, good.Archive, "invalid plugin id"},
		{"not an archive", "com.example.t", bundle.Digest([]byte("nope")), []byte("nope"), "gzip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Install(tt.id, tt.sha, tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("want %q, got %v", tt.want, err)
			}
		})
	}
	if len(s.List()) != 0 {
		t.Fatal("a rejected archive was installed")
	}
	if _, _, err := s.Acquire("com.example.t"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("want ErrNotFound, got %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Join(s.dir, "com.example.other")); len(entries) != 0 {
		t.Fatalf("rejected install left files: %v", entries)
	}
}

// TestConcurrentRunsAndInstalls: runs keep their files while installs swap
// versions under them, and once everything is released only the current
// version is left on disk.
func TestConcurrentRunsAndInstalls(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	versions := []bundle.Bundle{pluginArchive(t, "com.example.t", "1.0.0"), pluginArchive(t, "com.example.t", "2.0.0")}
	if _, err := s.Install("com.example.t", versions[0].SHA256, versions[0].Archive); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			for {
				select {
				case <-stop:
					errs <- nil
					return
				default:
				}
				p, release, err := s.Acquire("com.example.t")
				if err == nil {
					_, err = os.Stat(filepath.Join(p.Dir, p.Manifest.Entry))
					release()
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for i := range 20 {
		v := versions[i%2]
		if _, err := s.Install("com.example.t", v.SHA256, v.Archive); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatalf("a run lost its files: %v", err)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "com.example.t"))
	if len(entries) != 2 { // the current version and the pointer file
		t.Fatalf("left on disk: %v", entries)
	}
}
