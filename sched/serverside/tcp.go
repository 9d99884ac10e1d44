package serverside

import (
	"context"
	"fmt"
	"net"

	"github.com/prophasis/prophasis/sched"
)

// tcp connects to host:port (host defaults to the job's address) and
// reports how long the connection took.
func (r *Runner) tcp(ctx context.Context, job sched.Job) sched.Result {
	a := args(job.Args)
	port, err := a.int("port", 0, 1, 65535)
	if err != nil || port == 0 {
		return invalid(fmt.Errorf("argument port: want a port from 1 to 65535"))
	}
	host := a.str("host", job.Address)
	if host == "" {
		return invalid(fmt.Errorf("argument host: the host has no address and none was given"))
	}
	addr := net.JoinHostPort(host, fmt.Sprint(port))
	start := r.clock.Now()
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	latency := r.clock.Now().Sub(start)
	if err != nil {
		if ctx.Err() != nil {
			return down(fmt.Sprintf("TCP connect to %s: no answer before the check's deadline", addr))
		}
		return down(fmt.Sprintf("TCP connect to %s failed: %v", addr, err))
	}
	_ = conn.Close() // only the connect was measured
	return observed(exitOK, latency, fmt.Sprintf("TCP connect to %s in %.1f ms", addr, float64(latency.Microseconds())/1000))
}
