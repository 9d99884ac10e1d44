package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/storage"
)

func TestAuthRules(t *testing.T) {
	b := setup(t, options{})
	revoked := newToken(t, b.db, "old", "write")
	toks, err := storage.ListAPITokens(context.Background(), b.db)
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range toks {
		if tk.Name == "old" {
			if err := storage.RevokeAPIToken(context.Background(), b.db, tk.ID, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
	}
	host := map[string]any{"name": "web1", "address": "10.0.0.1"}
	tests := []struct {
		name, method, path, token string
		body                      any
		want                      int
	}{
		{"no token read", "GET", "/api/v1/hosts", "", nil, http.StatusUnauthorized},
		{"no token write", "POST", "/api/v1/hosts", "", host, http.StatusUnauthorized},
		{"unknown token", "GET", "/api/v1/hosts", "nope", nil, http.StatusUnauthorized},
		{"revoked token", "GET", "/api/v1/hosts", revoked, nil, http.StatusUnauthorized},
		{"read token read", "GET", "/api/v1/hosts", b.read, nil, http.StatusOK},
		{"read token write", "POST", "/api/v1/hosts", b.read, host, http.StatusForbidden},
		{"read token delete", "DELETE", "/api/v1/hosts/1", b.read, nil, http.StatusForbidden},
		{"write token write", "POST", "/api/v1/hosts", b.write, host, http.StatusCreated},
		{"openapi is public", "GET", "/api/v1/openapi.json", "", nil, http.StatusOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, body := b.do(t, tc.method, tc.path, tc.token, tc.body)
			if got != tc.want {
				t.Fatalf("status %d, want %d (%v)", got, tc.want, body)
			}
			if got >= 400 {
				errOf(t, body)
			}
		})
	}
}

func TestTokenLastUsedAtMostOncePerMinute(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	b := setup(t, options{now: func() time.Time { return now }})
	lastUsed := func() time.Time {
		var at time.Time
		err := b.db.QueryRow(context.Background(),
			`SELECT last_used_at FROM api_tokens WHERE name = 'reader'`).Scan(&at)
		if err != nil {
			t.Fatal(err)
		}
		return at.UTC()
	}
	b.do(t, "GET", "/api/v1/hosts", b.read, nil)
	if got := lastUsed(); !got.Equal(now) {
		t.Fatalf("last used %v, want %v", got, now)
	}
	first := now
	now = now.Add(30 * time.Second)
	b.do(t, "GET", "/api/v1/hosts", b.read, nil)
	if got := lastUsed(); !got.Equal(first) {
		t.Fatalf("touched again after 30s: %v", got)
	}
	now = now.Add(31 * time.Second)
	b.do(t, "GET", "/api/v1/hosts", b.read, nil)
	if got := lastUsed(); !got.Equal(now) {
		t.Fatalf("last used %v after 61s, want %v", got, now)
	}
}

func TestSessionCallers(t *testing.T) {
	admin := true
	b := setup(t, options{session: func(r *http.Request) (int64, bool, bool) {
		return 1, admin, r.Header.Get("Cookie") != ""
	}})
	req := func(method string) int {
		t.Helper()
		r, _ := http.NewRequest(method, b.srv.URL+"/api/v1/hosts/999", nil)
		r.Header.Set("Cookie", "prophasis_session=x")
		res, err := b.srv.Client().Do(r)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if got := req("DELETE"); got != http.StatusNotFound {
		t.Fatalf("admin session delete: %d, want 404", got)
	}
	admin = false
	if got := req("DELETE"); got != http.StatusForbidden {
		t.Fatalf("viewer session delete: %d, want 403", got)
	}
	if got := req("GET"); got != http.StatusNotFound {
		t.Fatalf("viewer session read: %d, want 404", got)
	}
}
