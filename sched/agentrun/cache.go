package agentrun

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/prophasis/prophasis/sched"
)

// cache keeps what a lookup returned for ttl, so a check makes no
// database query in steady state. Errors are not kept: a host or plugin
// that cannot be looked up is asked for again at its next check. Misses
// for one key at once (every host's check of one plugin after the entry
// expired) share one load.
type cache[K comparable, V any] struct {
	ttl   time.Duration
	clock sched.Clock
	group singleflight.Group

	mu    sync.Mutex
	items map[K]cached[V]
	swept time.Time
}

type cached[V any] struct {
	v  V
	at time.Time // when the load began: the answer is at least this fresh
}

func newCache[K comparable, V any](ttl time.Duration, clock sched.Clock) *cache[K, V] {
	return &cache[K, V]{ttl: ttl, clock: clock, items: map[K]cached[V]{}}
}

// get returns key's value, loading it when it is missing or older than
// the ttl.
func (c *cache[K, V]) get(ctx context.Context, key K, load func(context.Context) (V, error)) (V, error) {
	now := c.clock.Now()
	c.mu.Lock()
	e, ok := c.items[key]
	c.mu.Unlock()
	if ok && now.Sub(e.at) < c.ttl {
		return e.v, nil
	}
	v, err, _ := c.group.Do(fmt.Sprint(key), func() (any, error) {
		v, err := load(ctx)
		if err == nil {
			c.put(key, v, now)
		}
		return v, err
	})
	if err != nil {
		var zero V
		return zero, err
	}
	return v.(V), nil
}

// put stores v and, once per ttl, drops expired entries (deleted hosts).
func (c *cache[K, V]) put(key K, v V, at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[key] = cached[V]{v: v, at: at}
	if at.Sub(c.swept) < c.ttl {
		return
	}
	c.swept = at
	for k, e := range c.items {
		if at.Sub(e.at) >= c.ttl {
			delete(c.items, k)
		}
	}
}

// forget drops key, so its next get loads it again.
func (c *cache[K, V]) forget(key K) {
	c.mu.Lock()
	delete(c.items, key)
	c.mu.Unlock()
}
