package dashboards

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/dashboards/auth"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/storage"
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.ReleaseMode)
	pgtest.Main(m)
}

// cheapParams keep hashing fast in tests; the code path is the real one.
var cheapParams = auth.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// clock is an injected time source that tests move forward by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// testApp is the whole web app on a real PostgreSQL behind httptest.
type testApp struct {
	t     testing.TB
	db    *pgxpool.Pool
	web   *Web
	srv   *httptest.Server
	clock *clock
}

func newTestApp(t testing.TB, prober HostProber) *testApp {
	t.Helper()
	db := pgtest.Plain(t)
	clk := &clock{now: time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)}
	web, err := NewWeb(WebConfig{
		DB: db, Logger: slog.New(slog.DiscardHandler), Secret: bytes.Repeat([]byte{1}, 32),
		Prober: prober, Now: clk.Now, Hasher: auth.NewHasher(cheapParams, 2),
		Limiter: auth.NewLoginLimiter(auth.Limit{Every: time.Second, Burst: 20}, auth.Limit{Every: 10 * time.Second, Burst: 5}),
	})
	if err != nil {
		t.Fatal(err)
	}
	engine := gin.New()
	if err := engine.SetTrustedProxies(nil); err != nil {
		t.Fatal(err)
	}
	web.Mount(engine)
	srv := httptest.NewServer(web.Wrap(engine))
	t.Cleanup(func() { srv.Close(); web.Close() })
	return &testApp{t: t, db: db, web: web, srv: srv, clock: clk}
}

// addUser creates a user directly in the database.
func (a *testApp) addUser(name, role, password string) int64 {
	a.t.Helper()
	hash, err := a.web.cfg.Hasher.Hash(context.Background(), password)
	if err != nil {
		a.t.Fatal(err)
	}
	id, err := storage.CreateUser(context.Background(), a.db, storage.User{Username: name, Role: role, PasswordHash: hash})
	if err != nil {
		a.t.Fatal(err)
	}
	return id
}

// client is a browser-like client: it keeps cookies and does not follow
// redirects, so tests see each 303.
func (a *testApp) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// signedIn returns a client with a session for the given user.
func (a *testApp) signedIn(name, role string) *http.Client {
	a.addUser(name, role, "password-"+name)
	c := a.client()
	if res, _ := a.post(c, "/login", url.Values{"username": {name}, "password": {"password-" + name}}); res.StatusCode != http.StatusSeeOther {
		a.t.Fatalf("sign-in of %s: status %d", name, res.StatusCode)
	}
	return c
}

func (a *testApp) get(c *http.Client, path string) (*http.Response, string) {
	a.t.Helper()
	return a.do(c, http.MethodGet, path, nil, nil)
}

func (a *testApp) post(c *http.Client, path string, form url.Values) (*http.Response, string) {
	a.t.Helper()
	return a.do(c, http.MethodPost, path, form, nil)
}

func (a *testApp) do(c *http.Client, method, path string, form url.Values, header http.Header) (*http.Response, string) {
	a.t.Helper()
	req, err := http.NewRequest(method, a.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		a.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := c.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}
