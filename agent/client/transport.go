package client

import (
	"context"
	"net"
	"net/http"
	"time"
)

// The pool is sized for many hosts checked now and then, not for a few
// hosts checked all the time. An idle pooled TLS connection costs the core
// 14-18 KB of heap and stack (BenchmarkPooledConnMemory: two transport
// goroutines, buffers, TLS state; 22 KB with net/http's 4 KB buffers), so
// keeping one per host for a whole check period makes memory grow with
// the number of hosts: 10,000 hosts checked every five minutes would hold
// 10,000 idle connections for nothing. With a short idle timeout the pool
// holds only the hosts checked in the last seconds, i.e. it grows with the
// check rate instead, and MaxIdleConns caps it. The price is one handshake
// per check when a host's checks come further apart than the timeout:
// 0.85 ms of CPU (BenchmarkHandshake), e.g. 14 % of one core for 10,000
// hosts each reconnecting once a minute.
const (
	// defaultIdleConnTimeout keeps a connection across checks of one host
	// that come within seconds of each other (jobs queued back to back, a
	// host's plugins spread over a short period).
	defaultIdleConnTimeout = 15 * time.Second
	// defaultMaxIdleConns caps the pool when the check rate is high (about
	// 30 MB). When more hosts than this are checked within one idle
	// timeout, the least recently used connections are closed and most
	// checks pay a handshake: CPU is traded for memory from there on.
	defaultMaxIdleConns = 2048
	// connBufferSize is the bufio size of each direction. Requests and
	// answers are small JSON documents (an answer is at most a 4 KB
	// message plus perfdata); a bigger read is split into more reads, and
	// a write bigger than the buffer (an archive upload) bypasses it.
	connBufferSize = 2 << 10
)

// newTransport is the one pooled transport of a Client; dial checks the
// pinned fingerprint of the address it connects to.
func newTransport(opts Options, dial func(ctx context.Context, network, addr string) (net.Conn, error)) *http.Transport {
	return &http.Transport{
		DialTLSContext:        dial,
		MaxIdleConns:          opts.MaxIdleConns,
		MaxIdleConnsPerHost:   opts.MaxIdleConnsPerHost,
		IdleConnTimeout:       opts.IdleConnTimeout,
		ReadBufferSize:        connBufferSize,
		WriteBufferSize:       connBufferSize,
		ResponseHeaderTimeout: 0, // runs take as long as the plugin; contexts bound them
		ForceAttemptHTTP2:     false,
	}
}
