package storage_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/storage"
)

func TestHosts(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	fp := strings.Repeat("ab", 32)
	key := bytes.Repeat([]byte{9}, 40)
	h := storage.Host{Name: "web1", Address: "10.0.0.1", Port: 4048, AgentKey: key, Fingerprint: fp, Enabled: true}
	id, err := storage.CreateHost(ctx, db, h)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := storage.CreateHost(ctx, db, h); !errors.Is(err, storage.ErrDuplicate) {
		t.Fatalf("duplicate name: err = %v", err)
	}
	got, err := storage.HostByID(ctx, db, id)
	if err != nil || got.Fingerprint != fp || !bytes.Equal(got.AgentKey, key) || got.Port != 4048 {
		t.Fatalf("HostByID = %+v, %v", got, err)
	}
	got.Name, got.AgentKey, got.Fingerprint = "web-1", nil, ""
	if err := storage.UpdateHost(ctx, db, got); err != nil {
		t.Fatal(err)
	}
	got, _ = storage.HostByID(ctx, db, id)
	if got.Name != "web-1" || !bytes.Equal(got.AgentKey, key) || got.Fingerprint != "" {
		t.Fatalf("after update without key: %+v (key must be kept, fingerprint cleared)", got)
	}
	if hosts, err := storage.ListHosts(ctx, db, "10.0"); err != nil || len(hosts) != 1 {
		t.Fatalf("ListHosts by address = %v, %v", hosts, err)
	}
	if err := storage.DeleteHost(ctx, db, id); err != nil {
		t.Fatal(err)
	}
	if err := storage.DeleteHost(ctx, db, id); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("second delete: err = %v", err)
	}
}

func TestHostGroupCyclesRefused(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	mk := func(name string) int64 {
		id, err := storage.CreateHostGroup(ctx, db, storage.HostGroup{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	a, b, c := mk("a"), mk("b"), mk("c")
	host, _ := storage.CreateHost(ctx, db, storage.Host{Name: "h", Address: "h", Port: 1, Enabled: true})
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(storage.SetHostGroupMembers(ctx, db, a, []int64{host}, []int64{b}))
	must(storage.SetHostGroupMembers(ctx, db, b, nil, []int64{c}))
	var cycle *storage.CycleError
	err := storage.SetHostGroupMembers(ctx, db, c, nil, []int64{a})
	if !errors.As(err, &cycle) || cycle.Via != "a" {
		t.Fatalf("c ⊃ a (a ⊃ b ⊃ c): err = %v, want CycleError via a", err)
	}
	g, hosts, groups, err := storage.HostGroupByID(ctx, db, a)
	if err != nil || g.Name != "a" || len(hosts) != 1 || len(groups) != 1 || groups[0] != b {
		t.Fatalf("HostGroupByID(a) = %+v %v %v, %v", g, hosts, groups, err)
	}
	list, err := storage.ListHostGroups(ctx, db, "")
	if err != nil || len(list) != 3 || list[0].Hosts != 1 || list[0].Groups != 1 {
		t.Fatalf("ListHostGroups = %+v, %v", list, err)
	}
	must(storage.DeleteHostGroup(ctx, db, b))
	must(storage.SetHostGroupMembers(ctx, db, c, nil, []int64{a})) // the loop is gone with b
}

func TestAudit(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	e := storage.AuditEntry{Actor: "ann", Action: "update", EntityType: "host", EntityID: "3",
		Before: map[string]any{"name": "old"}, After: map[string]any{"name": "new"}}
	if err := storage.Audit(ctx, db, e); err != nil {
		t.Fatal(err)
	}
	got, err := storage.ListAudit(ctx, db, "new", 10)
	if err != nil || len(got) != 1 || got[0].Name() != "new" || got[0].Before["name"] != "old" || got[0].Time.IsZero() {
		t.Fatalf("ListAudit = %+v, %v", got, err)
	}
	if got, _ := storage.ListAudit(ctx, db, "nobody", 10); len(got) != 0 {
		t.Fatalf("search for nobody found %d entries", len(got))
	}
}
