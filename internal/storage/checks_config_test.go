package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/storage"
)

func TestCheckConfigs(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	v := storage.NewPluginVersion{ID: "com.example.disk", Name: "Disk", Version: "1.0.0", Archive: []byte("x"),
		SHA256: strings.Repeat("a", 64), Manifest: []byte(`{"arguments": [{"name": "mount", "default": "/", "required": true}]}`),
		Classifier: "return 'ok'", History: 1}
	if err := storage.SavePluginVersion(ctx, db, v); err != nil {
		t.Fatal(err)
	}
	host, _ := storage.CreateHost(ctx, db, storage.Host{Name: "h", Address: "h", Port: 1, Enabled: true})
	group, _ := storage.CreateHostGroup(ctx, db, storage.HostGroup{Name: "g"})
	m := storage.CheckMembers{HostIDs: []int64{host}, GroupIDs: []int64{group},
		Plugins: map[string]map[string]string{"com.example.disk": {"mount": "/var"}, "com.example.gone": {}}}
	id, err := storage.SaveCheckConfig(ctx, db, storage.CheckConfig{Name: "disks", Enabled: true}, m)
	if err != nil {
		t.Fatal(err)
	}
	c, got, err := storage.CheckConfigByID(ctx, db, id)
	if err != nil || c.Name != "disks" || len(got.HostIDs) != 1 || len(got.GroupIDs) != 1 || len(got.Plugins) != 1 ||
		got.Plugins["com.example.disk"]["mount"] != "/var" {
		t.Fatalf("CheckConfigByID = %+v %+v, %v (unknown plugins must be dropped)", c, got, err)
	}
	c.Name, got.HostIDs = "all disks", nil
	if _, err := storage.SaveCheckConfig(ctx, db, c, got); err != nil {
		t.Fatal(err)
	}
	if list, _ := storage.ListCheckConfigs(ctx, db, "all"); len(list) != 1 || list[0].Hosts != 0 || list[0].Plugins != 1 {
		t.Fatalf("ListCheckConfigs = %+v", list)
	}
	args, err := storage.PluginArguments(ctx, db)
	if err != nil || len(args["com.example.disk"]) != 1 || args["com.example.disk"][0].Default != "/" {
		t.Fatalf("PluginArguments = %+v, %v", args, err)
	}
	if err := storage.DeleteCheckConfig(ctx, db, id); err != nil {
		t.Fatal(err)
	}
	if _, _, err := storage.CheckConfigByID(ctx, db, id); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("deleted check: %v", err)
	}
}
