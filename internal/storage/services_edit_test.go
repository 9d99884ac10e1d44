package storage_test

import (
	"context"
	"errors"
	"testing"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/storage"
)

func TestSaveService(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	ids := sqlSeed(t, db,
		`INSERT INTO hosts (name, address) VALUES ('router', 'r') RETURNING id`,
		`INSERT INTO hosts (name, address) VALUES ('web1', 'w1') RETURNING id`,
		`INSERT INTO hosts (name, address) VALUES ('web2', 'w2') RETURNING id`,
		`INSERT INTO host_groups (name) VALUES ('dbs') RETURNING id`,
	)
	router, web1, web2, dbs := ids[0], ids[1], ids[2], ids[3]
	in := storage.ServiceInput{Name: "shop", Hosts: []int64{router}, Groups: []int64{dbs},
		Redundancy: []storage.RedundancyGroup{{Name: "web", Hosts: []int64{web1, web2}}}}
	id, err := storage.SaveService(ctx, db, 0, in)
	if err != nil {
		t.Fatal(err)
	}
	in.Hosts, in.Redundancy = nil, []storage.RedundancyGroup{{Name: "web", Hosts: []int64{web1}, Groups: []int64{dbs}}}
	if _, err := storage.SaveService(ctx, db, id, in); err != nil {
		t.Fatal(err)
	}
	got, err := storage.ServiceStructures(ctx, db)
	if err != nil || len(got) != 1 {
		t.Fatalf("structures = %+v, %v", got, err)
	}
	s := got[0]
	if len(s.Hosts) != 0 || len(s.Groups) != 1 || len(s.Redundancy) != 1 ||
		len(s.Redundancy[0].Hosts) != 1 || s.Redundancy[0].Hosts[0] != web1 || s.Redundancy[0].Groups[0] != dbs {
		t.Fatalf("after replacing the structure: %+v", s)
	}
	bad := in
	bad.Redundancy = append(bad.Redundancy, storage.RedundancyGroup{Name: "ghosts", Hosts: []int64{99999}})
	if _, err := storage.SaveService(ctx, db, id, bad); err == nil {
		t.Fatal("saved a member that does not exist")
	}
	if got, _ := storage.ServiceStructures(ctx, db); len(got[0].Redundancy) != 1 {
		t.Fatalf("a failed save changed the service: %+v", got[0])
	}
	if err := storage.DeleteService(ctx, db, id); err != nil {
		t.Fatal(err)
	}
	if err := storage.DeleteService(ctx, db, id); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("second delete: %v", err)
	}
}
