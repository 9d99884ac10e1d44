package agent

import (
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/prophasis/prophasis/agent/api"
	"github.com/prophasis/prophasis/agent/identity"
)

// authenticate admits requests carrying the access key, as HTTP Basic
// ("core:<key>") or as a bearer token. Failures are logged and limited per
// remote IP: once an address has spent its burst of failures it gets 429
// until tokens refill, even with the right key, so guessing stays hopeless
// and cheap for the agent.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip := remoteIP(r)
		lim := s.limiter.get(ip)
		if lim.Tokens() < 1 {
			w.Header().Set("Retry-After", strconv.Itoa(int(failEvery/time.Second)))
			writeError(w, http.StatusTooManyRequests, api.CodeRateLimited, "too many failed authentication attempts")
			return
		}
		if key, ok := presentedKey(r); ok && identity.KeyMatches(key, s.cfg.AuthKeySHA256) {
			next.ServeHTTP(w, r)
			return
		}
		lim.Allow()
		s.logger.Warn("authentication failed", "remote", ip, "method", r.Method, "path", r.URL.Path)
		w.Header().Set("WWW-Authenticate", `Basic realm="prophasis-agent"`)
		writeError(w, http.StatusUnauthorized, api.CodeUnauthorized, "missing or wrong access key")
	})
}

func presentedKey(r *http.Request) (string, bool) {
	if user, pass, ok := r.BasicAuth(); ok {
		return pass, user == "core"
	}
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return strings.TrimSpace(token), ok
}

func remoteIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// Failed attempts allowed per address: a burst, then one per failEvery.
const (
	failBurst    = 10
	failEvery    = 6 * time.Second
	maxTrackedIP = 4096
)

// failLimiter holds one token bucket per remote IP.
type failLimiter struct {
	mu  sync.Mutex
	ips map[string]*rate.Limiter
}

func newFailLimiter() *failLimiter { return &failLimiter{ips: map[string]*rate.Limiter{}} }

func (f *failLimiter) get(ip string) *rate.Limiter {
	f.mu.Lock()
	defer f.mu.Unlock()
	if l, ok := f.ips[ip]; ok {
		return l
	}
	if len(f.ips) >= maxTrackedIP {
		for k, l := range f.ips { // forget addresses that are back to a full bucket
			if l.Tokens() >= failBurst {
				delete(f.ips, k)
			}
		}
		if len(f.ips) >= maxTrackedIP { // still full: unknown addresses share one bucket
			ip = "overflow"
			if l, ok := f.ips[ip]; ok {
				return l
			}
		}
	}
	l := rate.NewLimiter(rate.Every(failEvery), failBurst)
	f.ips[ip] = l
	return l
}
