package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/storage"
)

const hash = "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5"

func TestUsers(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	id, err := storage.CreateUser(ctx, db, storage.User{Username: "Ann", Role: storage.RoleAdmin, PasswordHash: hash})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := storage.CreateUser(ctx, db, storage.User{Username: "ann", Role: storage.RoleViewer, PasswordHash: hash}); !errors.Is(err, storage.ErrDuplicate) {
		t.Fatalf("same name in other case: err = %v, want ErrDuplicate", err)
	}
	u, err := storage.UserByUsername(ctx, db, "ANN")
	if err != nil || u.ID != id || u.Role != storage.RoleAdmin || u.CreatedAt.IsZero() {
		t.Fatalf("UserByUsername = %+v, %v", u, err)
	}
	if _, err := storage.UserByID(ctx, db, id+100); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("missing user: err = %v", err)
	}
	if _, err := storage.CreateUser(ctx, db, storage.User{Username: "bob_1", Role: storage.RoleViewer, PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
	for search, want := range map[string]int{"": 2, "an": 1, "_": 1, "%": 0} {
		users, err := storage.ListUsers(ctx, db, search)
		if err != nil || len(users) != want {
			t.Errorf("ListUsers(%q) = %d users, %v; want %d", search, len(users), err, want)
		}
	}
	if err := storage.UpdateUser(ctx, db, id, storage.RoleViewer, true); err != nil {
		t.Fatal(err)
	}
	if err := storage.SetPassword(ctx, db, id+100, hash); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("SetPassword of missing user: err = %v", err)
	}
	err = pgx.BeginFunc(ctx, db, func(tx pgx.Tx) error {
		n, err := storage.CountActiveAdmins(ctx, tx)
		if n != 0 {
			t.Errorf("active admins = %d after disabling the only one", n)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSetupTokenWorksOnce(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	now := time.Now()
	good, other := make([]byte, 32), make([]byte, 32)
	good[0], other[0] = 1, 2
	if err := storage.ReplaceSetupToken(ctx, db, other, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := storage.ReplaceSetupToken(ctx, db, good, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		hash []byte
		at   time.Time
		ok   bool
	}{
		{"replaced token", other, now, false},
		{"expired", good, now.Add(2 * time.Hour), false},
		{"valid", good, now, true},
	} {
		ok, err := storage.SetupTokenValid(ctx, db, tt.hash, tt.at)
		if err != nil || ok != tt.ok {
			t.Errorf("%s: valid = %v, %v", tt.name, ok, err)
		}
	}
	if err := storage.ConsumeSetupToken(ctx, db, other, now); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("consuming a wrong token: err = %v", err)
	}
	if err := storage.ConsumeSetupToken(ctx, db, good, now); err != nil {
		t.Fatalf("first use: %v", err)
	}
	if err := storage.ConsumeSetupToken(ctx, db, good, now); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("second use: err = %v, want ErrNotFound", err)
	}
}

func TestAPITokens(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	uid, _ := storage.CreateUser(ctx, db, storage.User{Username: "ann", Role: storage.RoleAdmin, PasswordHash: hash})
	h := make([]byte, 32)
	h[0] = 7
	id, err := storage.CreateAPIToken(ctx, db, "ci", "read", h, &uid)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	tok, err := storage.UseAPIToken(ctx, db, h, now)
	if err != nil || tok.Scope != "read" || tok.LastUsedAt == nil {
		t.Fatalf("UseAPIToken = %+v, %v", tok, err)
	}
	if err := storage.RevokeAPIToken(ctx, db, id, now); err != nil {
		t.Fatal(err)
	}
	if _, err := storage.UseAPIToken(ctx, db, h, now); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("revoked token still works: %v", err)
	}
	list, err := storage.ListAPITokens(ctx, db)
	if err != nil || len(list) != 1 || list[0].CreatedBy != "ann" || list[0].RevokedAt == nil {
		t.Fatalf("ListAPITokens = %+v, %v", list, err)
	}
}
