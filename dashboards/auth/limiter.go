package auth

import (
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limit is a token bucket: Burst attempts at once, then one per Every.
type Limit struct {
	Every time.Duration
	Burst int
}

// LoginLimiter slows password guessing. Every sign-in attempt takes a token
// from the bucket of the client's IP address and from the bucket of the
// username tried, so neither one address trying many names nor many
// addresses trying one name gets more than a trickle of guesses.
type LoginLimiter struct {
	byIP, byUser Limit
	mu           sync.Mutex
	buckets      map[string]*rate.Limiter
	maxBuckets   int
}

// NewLoginLimiter returns a limiter with the given per-IP and per-username limits.
func NewLoginLimiter(byIP, byUser Limit) *LoginLimiter {
	return &LoginLimiter{byIP: byIP, byUser: byUser, buckets: map[string]*rate.Limiter{}, maxBuckets: 10000}
}

// DefaultLoginLimiter allows bursts of 20 attempts per IP (then one every
// 3 s) and 5 per username (then one every 20 s).
func DefaultLoginLimiter() *LoginLimiter {
	return NewLoginLimiter(Limit{Every: 3 * time.Second, Burst: 20}, Limit{Every: 20 * time.Second, Burst: 5})
}

// Allow records an attempt at now and reports whether it may proceed; when
// it may not, retry says how long until the next attempt would be allowed.
func (l *LoginLimiter) Allow(now time.Time, ip, username string) (ok bool, retry time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.prune(now)
	for _, b := range []*rate.Limiter{
		l.bucket("ip\x00"+ip, l.byIP),
		l.bucket("user\x00"+strings.ToLower(username), l.byUser),
	} {
		r := b.ReserveN(now, 1)
		if d := r.DelayFrom(now); d > 0 {
			r.CancelAt(now)
			return false, d
		}
	}
	return true, 0
}

func (l *LoginLimiter) bucket(key string, lim Limit) *rate.Limiter {
	b, ok := l.buckets[key]
	if !ok {
		b = rate.NewLimiter(rate.Every(lim.Every), lim.Burst)
		l.buckets[key] = b
	}
	return b
}

// prune forgets buckets that have refilled completely (they behave exactly
// like new ones), keeping memory bounded under a spray of addresses.
func (l *LoginLimiter) prune(now time.Time) {
	if len(l.buckets) < l.maxBuckets {
		return
	}
	for k, b := range l.buckets {
		if b.TokensAt(now) >= float64(b.Burst()) {
			delete(l.buckets, k)
		}
	}
}
