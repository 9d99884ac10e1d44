package dashboards

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prophasis/prophasis/dashboards/auth"
	"github.com/prophasis/prophasis/internal/storage"
)

func TestAPITokenIssueAndRevoke(t *testing.T) {
	a := newTestApp(t, nil)
	c := a.signedIn("ann", "admin")
	if res, body := a.post(c, "/tokens/new", url.Values{"name": {""}, "scope": {"root"}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Choose read or write") {
		t.Fatalf("invalid token form: %d", res.StatusCode)
	}
	res, body := a.post(c, "/tokens/new", url.Values{"name": {"grafana"}, "scope": {"read"}})
	m := regexp.MustCompile(`id="token-value">([A-Za-z0-9_-]{43})<`).FindStringSubmatch(body)
	if res.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("issue: %d, token not shown", res.StatusCode)
	}
	tok, err := storage.UseAPIToken(t.Context(), a.db, auth.HashToken(m[1]), time.Now())
	if err != nil || tok.Scope != "read" {
		t.Fatalf("issued token does not resolve: %+v, %v", tok, err)
	}
	if _, list := a.get(c, "/tokens"); strings.Contains(list, m[1]) {
		t.Fatal("the token list shows the token again")
	}
	if res, _ := a.post(c, "/tokens/"+itoa(tok.ID)+"/revoke", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: %d", res.StatusCode)
	}
	if _, err := storage.UseAPIToken(t.Context(), a.db, auth.HashToken(m[1]), time.Now()); err == nil {
		t.Fatal("revoked token still resolves")
	}
}
