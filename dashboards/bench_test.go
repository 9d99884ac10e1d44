package dashboards

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/prophasis/prophasis/dashboards/auth"
	"github.com/prophasis/prophasis/internal/storage"
)

// BenchmarkHostsPage measures a signed-in admin's /hosts with 500 hosts:
// session load, user lookup, unread count, list query and rendering.
func BenchmarkHostsPage(b *testing.B) {
	a := newTestApp(b, nil)
	ctx := context.Background()
	for i := range 500 {
		h := storage.Host{Name: fmt.Sprintf("host-%03d", i), Address: "10.0.0.1", Port: 4048, Enabled: true}
		if _, err := storage.CreateHost(ctx, a.db, h); err != nil {
			b.Fatal(err)
		}
	}
	c := a.signedIn("ann", "admin")
	b.ResetTimer()
	for b.Loop() {
		if res, _ := a.get(c, "/hosts"); res.StatusCode != http.StatusOK {
			b.Fatal(res.StatusCode)
		}
	}
}

// BenchmarkSignIn measures one successful sign-in with the production
// argon2id parameters (the dominant cost, bounded per CPU by the hasher).
func BenchmarkSignIn(b *testing.B) {
	a := newTestApp(b, nil)
	a.web.cfg.Hasher = auth.NewHasher(auth.DefaultParams(), 2)
	a.web.cfg.Limiter = auth.NewLoginLimiter(auth.Limit{Every: 1, Burst: 1 << 30}, auth.Limit{Every: 1, Burst: 1 << 30})
	a.addUser("ann", "admin", "correct horse battery")
	form := url.Values{"username": {"ann"}, "password": {"correct horse battery"}}
	b.ResetTimer()
	for b.Loop() {
		if res, _ := a.post(a.client(), "/login", form); res.StatusCode != http.StatusSeeOther {
			b.Fatal(res.StatusCode)
		}
	}
}
