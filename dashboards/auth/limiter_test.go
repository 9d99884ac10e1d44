package auth

import (
	"fmt"
	"testing"
	"time"
)

func TestLoginLimiter(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	type attempt struct {
		at       time.Duration
		ip, user string
		ok       bool
	}
	tests := []struct {
		name     string
		attempts []attempt
	}{
		{"burst per user then blocked, any ip", []attempt{
			{0, "a", "ann", true}, {0, "b", "ann", true}, {0, "c", "ann", true},
			{0, "d", "ANN", false}, {0, "e", "bob", true},
		}},
		{"user refills after Every", []attempt{
			{0, "a", "ann", true}, {0, "a", "ann", true}, {0, "a", "ann", true}, {0, "a", "ann", false},
			{9 * time.Second, "a", "ann", false}, {10 * time.Second, "a", "ann", true},
		}},
		{"burst per ip across users", []attempt{
			{0, "a", "u1", true}, {0, "a", "u2", true}, {0, "a", "u3", true}, {0, "a", "u4", true},
			{0, "a", "u5", true}, {0, "a", "u6", false}, {0, "b", "u6", true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := NewLoginLimiter(Limit{Every: time.Second, Burst: 5}, Limit{Every: 10 * time.Second, Burst: 3})
			for i, a := range tt.attempts {
				ok, retry := l.Allow(t0.Add(a.at), a.ip, a.user)
				if ok != a.ok {
					t.Fatalf("attempt %d (%+v): ok = %v", i, a, ok)
				}
				if !ok && retry <= 0 {
					t.Fatalf("attempt %d refused without a retry delay", i)
				}
			}
		})
	}
}

func TestLoginLimiterForgetsFullBuckets(t *testing.T) {
	l := NewLoginLimiter(Limit{Every: time.Second, Burst: 2}, Limit{Every: time.Second, Burst: 2})
	l.maxBuckets = 10
	t0 := time.Now()
	for i := range 100 {
		l.Allow(t0.Add(time.Duration(i)*time.Minute), fmt.Sprint("ip", i), fmt.Sprint("u", i))
	}
	if n := len(l.buckets); n > 12 {
		t.Fatalf("%d buckets kept, want at most about maxBuckets", n)
	}
}
