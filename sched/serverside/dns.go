package serverside

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"slices"
	"strings"

	"github.com/prophasis/prophasis/sched"
)

// dnsSpec is a validated DNS check.
type dnsSpec struct {
	name, network, server string
	expect                []netip.Addr
}

// parseDNS validates the arguments: name (default the job's address),
// type A, AAAA or ANY (default), server (ip:port of a resolver to ask
// instead of the system's) and expect (comma-separated addresses that must
// all be in the answer).
func parseDNS(job sched.Job) (dnsSpec, error) {
	a := args(job.Args)
	s := dnsSpec{name: a.str("name", job.Address), server: a.str("server", "")}
	if s.name == "" || len(s.name) > 253 {
		return s, errors.New("argument name: want a host name")
	}
	switch t := strings.ToUpper(a.str("type", "ANY")); t {
	case "A":
		s.network = "ip4"
	case "AAAA":
		s.network = "ip6"
	case "ANY":
		s.network = "ip"
	default:
		return s, fmt.Errorf("argument type: want A, AAAA or ANY, got %q", t)
	}
	if s.server != "" {
		if _, err := netip.ParseAddrPort(s.server); err != nil {
			return s, fmt.Errorf("argument server: want ip:port: %w", err)
		}
	}
	for e := range strings.SplitSeq(a.str("expect", ""), ",") {
		if e = strings.TrimSpace(e); e == "" {
			continue
		}
		ip, err := netip.ParseAddr(e)
		if err != nil {
			return s, fmt.Errorf("argument expect: %w", err)
		}
		s.expect = append(s.expect, ip.Unmap())
	}
	return s, nil
}

// resolver returns the resolver to ask: the configured one, or Go's own
// resolver talking only to the server given in the arguments.
func (r *Runner) resolver(server string) *net.Resolver {
	if server == "" {
		return r.cfg.Resolver
	}
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, server)
	}}
}

// dns resolves a name and reports the answer and how long it took.
func (r *Runner) dns(ctx context.Context, job sched.Job) sched.Result {
	spec, err := parseDNS(job)
	if err != nil {
		return invalid(err)
	}
	start := r.clock.Now()
	addrs, err := r.resolver(spec.server).LookupNetIP(ctx, spec.network, spec.name)
	latency := r.clock.Now().Sub(start)
	var dnsErr *net.DNSError
	switch {
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return down(fmt.Sprintf("%s: no such name", spec.name))
	case err != nil && ctx.Err() != nil:
		return down(fmt.Sprintf("%s: no answer before the check's deadline", spec.name))
	case err != nil:
		return down(fmt.Sprintf("%s: lookup failed: %v", spec.name, err))
	}
	got := make([]string, len(addrs))
	for i, a := range addrs {
		addrs[i] = a.Unmap()
		got[i] = addrs[i].String()
	}
	msg := fmt.Sprintf("%s resolves to %s in %.1f ms", spec.name, strings.Join(got, ", "), float64(latency.Microseconds())/1000)
	exit := exitOK
	for _, want := range spec.expect {
		if !slices.Contains(addrs, want) {
			exit, msg = exitCritical, msg+fmt.Sprintf(", expected %s is missing", want)
		}
	}
	return observed(exit, latency, msg)
}
