package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/storage"
)

func TestPluginVersions(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	v := storage.NewPluginVersion{ID: "com.example.cpu", Name: "CPU", Version: "1.2.0", Archive: []byte("tgz"),
		SHA256: strings.Repeat("a", 64), Manifest: []byte(`{"id":"com.example.cpu"}`), Classifier: "return 'ok'", History: 3}
	if err := storage.SavePluginVersion(ctx, db, v); err != nil {
		t.Fatal(err)
	}
	if err := storage.SavePluginVersion(ctx, db, v); !errors.Is(err, storage.ErrDuplicate) {
		t.Fatalf("same version twice: %v", err)
	}
	if _, err := db.Exec(ctx, `UPDATE classifiers SET code = 'return "minor"'`); err != nil {
		t.Fatal(err)
	}
	v.Version, v.Name, v.SHA256 = "1.10.0", "CPU load", strings.Repeat("b", 64)
	if err := storage.SavePluginVersion(ctx, db, v); err != nil {
		t.Fatal(err)
	}
	p, versions, err := storage.PluginByID(ctx, db, v.ID)
	if err != nil || p.ActiveVersion != "1.10.0" || p.Name != "CPU load" || len(versions) != 2 || versions[0].Size != 3 {
		t.Fatalf("PluginByID = %+v %+v, %v", p, versions, err)
	}
	var code string
	var depth int
	_ = db.QueryRow(ctx, `SELECT code, history_depth FROM classifiers WHERE plugin_id = $1`, v.ID).Scan(&code, &depth)
	if code != `return "minor"` || depth != 3 {
		t.Fatalf("edited classifier overwritten by an upload: %q depth %d", code, depth)
	}
	if err := storage.SetActivePluginVersion(ctx, db, v.ID, "1.2.0"); err != nil {
		t.Fatalf("downgrade: %v", err)
	}
	if err := storage.SetActivePluginVersion(ctx, db, v.ID, "9.9.9"); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("activating a missing version: %v", err)
	}
	if list, _ := storage.ListPlugins(ctx, db, "cpu"); len(list) != 1 || list[0].Versions != 2 || list[0].ActiveVersion != "1.2.0" {
		t.Fatalf("ListPlugins = %+v", list)
	}
	if err := storage.DeletePlugin(ctx, db, v.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := storage.PluginByID(ctx, db, v.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("deleted plugin: %v", err)
	}
}
