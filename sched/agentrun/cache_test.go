package agentrun

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

type stepClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}
func (c *stepClock) After(time.Duration) <-chan time.Time { return nil }
func (c *stepClock) add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func TestCache(t *testing.T) {
	var errDown = errors.New("database down")
	steps := []struct {
		name      string
		advance   time.Duration
		forget    bool
		fail      bool
		want      int // the value get returns (the load count when loaded)
		wantErr   bool
		wantLoads int
	}{
		{name: "first get loads", want: 1, wantLoads: 1},
		{name: "within the ttl it is reused", advance: 9 * time.Second, want: 1, wantLoads: 1},
		{name: "at the ttl it is read again", advance: time.Second, want: 2, wantLoads: 2},
		{name: "forget reads again at once", forget: true, want: 3, wantLoads: 3},
		{name: "an error is returned", forget: true, fail: true, wantErr: true, wantLoads: 4},
		{name: "and not kept", want: 5, wantLoads: 5},
	}
	clock := &stepClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	c := newCache[int64, int](10*time.Second, clock)
	loads := 0
	for _, st := range steps {
		clock.add(st.advance)
		if st.forget {
			c.forget(7)
		}
		got, err := c.get(context.Background(), 7, func(context.Context) (int, error) {
			loads++
			if st.fail {
				return 0, errDown
			}
			return loads, nil
		})
		if (err != nil) != st.wantErr || !st.wantErr && got != st.want || loads != st.wantLoads {
			t.Fatalf("%s: got %d, %v after %d loads; want %d, error %v after %d", st.name, got, err, loads, st.want, st.wantErr, st.wantLoads)
		}
	}
}

func TestCacheSweepsExpired(t *testing.T) {
	clock := &stepClock{}
	c := newCache[int64, int](time.Second, clock)
	for id := range int64(100) {
		_, _ = c.get(context.Background(), id, func(context.Context) (int, error) { return 1, nil })
	}
	clock.add(2 * time.Second)
	_, _ = c.get(context.Background(), 1000, func(context.Context) (int, error) { return 1, nil })
	if n := len(c.items); n != 1 {
		t.Errorf("%d entries kept after all but one expired", n)
	}
}
