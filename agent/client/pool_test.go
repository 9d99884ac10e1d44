package client_test

import (
	"context"
	"net/http/httptrace"
	"runtime"
	"testing"
	"time"

	"github.com/prophasis/prophasis/agent/client"
)

// reuses counts, for calls made with its context, how many got a pooled
// connection and how many a new one.
type reuses struct{ reused, fresh int }

func (r *reuses) ctx(parent context.Context) context.Context {
	return httptrace.WithClientTrace(parent, &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		if info.Reused {
			r.reused++
		} else {
			r.fresh++
		}
	}})
}

func TestBackToBackChecksShareOneConnection(t *testing.T) {
	srv := startMock(t, `{"hosts":{"*":{"*":{"value":1}}}}`, "127.0.0.1:0")
	c := client.New(client.Options{})
	defer c.Close()
	host := client.HostConn{Addr: srv.Addrs()[0], Fingerprint: srv.Fingerprint()}
	src := testPlugin(t)
	var r reuses
	for range 10 {
		if res := c.Run(r.ctx(context.Background()), host, "com.example.p", src, nil); res.Status != client.StatusOK {
			t.Fatalf("%+v", res)
		}
	}
	// list + install + 10 runs, one connection
	if r.fresh != 1 || r.reused != 11 {
		t.Fatalf("new connections %d, reused %d; want 1 and 11", r.fresh, r.reused)
	}
}

func TestIdleConnectionsBounded(t *testing.T) {
	srv := startMock(t, `{"hosts":{"*":{"*":{"value":1}}}}`, "127.0.0.1:0", "127.0.0.2:0", "127.0.0.3:0")
	c := client.New(client.Options{MaxIdleConns: 2})
	defer c.Close()
	ping := func(addr string) bool {
		var r reuses
		if _, err := c.Ping(r.ctx(context.Background()), client.HostConn{Addr: addr, Fingerprint: srv.Fingerprint()}); err != nil {
			t.Fatal(err)
		}
		return r.reused == 1
	}
	a := srv.Addrs()
	ping(a[0])
	ping(a[1])
	ping(a[2]) // the pool is full: the least recently used, a[0]'s, is closed
	if ping(a[0]) {
		t.Error("a[0]'s connection survived beyond MaxIdleConns")
	}
	if !ping(a[2]) {
		t.Error("the most recently used connection was not kept")
	}
}

func TestIdleConnectionsClosedAfterTimeout(t *testing.T) {
	srv := startMock(t, `{"hosts":{"*":{"*":{"value":1}}}}`, "127.0.0.1:0")
	c := client.New(client.Options{IdleConnTimeout: 50 * time.Millisecond})
	defer c.Close()
	host := client.HostConn{Addr: srv.Addrs()[0], Fingerprint: srv.Fingerprint()}
	var r reuses
	for range 2 {
		if _, err := c.Ping(r.ctx(context.Background()), host); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(200 * time.Millisecond) // net/http's idle timer runs on the real clock
	if _, err := c.Ping(r.ctx(context.Background()), host); err != nil {
		t.Fatal(err)
	}
	if r.fresh != 2 || r.reused != 1 {
		t.Fatalf("new connections %d, reused %d; want 2 and 1", r.fresh, r.reused)
	}
}

// BenchmarkPooledConnMemory reports what one idle pooled connection costs
// the core (live heap and goroutine stacks after a GC, divided by the
// connections held), with the mock agents in another process so their
// side is not counted.
func BenchmarkPooledConnMemory(b *testing.B) {
	const n = 200
	m := client.StartMockProcess(b, n)
	var perConn, goroutines float64
	for b.Loop() {
		c := client.New(client.Options{MaxIdleConns: n})
		before, g0 := liveMemory()
		for _, addr := range m.Addrs {
			if _, err := c.Ping(context.Background(), client.HostConn{Addr: addr, Fingerprint: m.Fingerprint}); err != nil {
				b.Fatal(err)
			}
		}
		after, g1 := liveMemory()
		perConn += float64(after-before) / n
		goroutines += float64(g1-g0) / n
		c.Close()
		for deadline := time.Now().Add(5 * time.Second); runtime.NumGoroutine() > g0 && time.Now().Before(deadline); {
			time.Sleep(time.Millisecond) // closed connections' goroutines exit on their own
		}
	}
	b.ReportMetric(perConn/float64(b.N), "B/conn")
	b.ReportMetric(goroutines/float64(b.N), "goroutines/conn")
}

func liveMemory() (bytes uint64, goroutines int) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc + ms.StackInuse, runtime.NumGoroutine()
}
