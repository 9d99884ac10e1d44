package dashboards

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/prophasis/prophasis/internal/storage"
)

func TestAddUser(t *testing.T) {
	a := newTestApp(t, nil)
	ctx := context.Background()
	for _, tt := range []struct{ name, user, role, password string }{
		{"bad username", "<b>", "admin", "long enough pw"},
		{"bad role", "ann", "root", "long enough pw"},
		{"short password", "ann", "admin", "short"},
	} {
		if _, err := AddUser(ctx, a.db, tt.user, tt.role, tt.password); err == nil {
			t.Errorf("%s: accepted", tt.name)
		}
	}
	if _, err := AddUser(ctx, a.db, "ann", "admin", "long enough pw"); err != nil {
		t.Fatal(err)
	}
	if _, err := AddUser(ctx, a.db, "ANN", "viewer", "long enough pw"); !errors.Is(err, storage.ErrDuplicate) {
		t.Fatalf("duplicate: %v", err)
	}
	if res, _ := a.post(a.client(), "/login", url.Values{"username": {"ann"}, "password": {"long enough pw"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("CLI-made user cannot sign in: %d", res.StatusCode)
	}
}
