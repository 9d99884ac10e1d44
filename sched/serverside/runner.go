// Package serverside runs the checks the core performs itself, for things
// that cannot run an agent: HTTP(S), TCP connect and DNS resolution. Their
// results have the same shape as an agent's Nagios-style plugin results
// (exit code 0 ok, 1 warning, 2 critical, 3 unknown, perfdata), so they go
// through the same classification and storage path.
//
// A target that is down is an observation, not a failure of the check: it
// is a result with status ok and exit code 2. Status plugin_error is kept
// for checks that could not be attempted, such as invalid arguments.
package serverside

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/prophasis/prophasis/agent/perfdata"
	"github.com/prophasis/prophasis/sched"
)

// Plugin ids of the server-side checks.
const (
	HTTP = "prophasis.http"
	TCP  = "prophasis.tcp"
	DNS  = "prophasis.dns"
)

// Handles reports whether pluginID is a server-side check.
func Handles(pluginID string) bool {
	return pluginID == HTTP || pluginID == TCP || pluginID == DNS
}

// Nagios exit codes, the state a check reports before classification.
const (
	exitOK       = 0
	exitWarning  = 1
	exitCritical = 2
)

// Config holds what the checks share.
type Config struct {
	// RootCAs verifies HTTPS targets; nil means the system roots.
	RootCAs *x509.CertPool
	// Resolver answers DNS checks without a "server" argument; nil means
	// net.DefaultResolver.
	Resolver *net.Resolver
}

// Runner runs server-side checks; it implements sched.Runner.
type Runner struct {
	cfg       Config
	clock     sched.Clock
	transport *http.Transport
}

var _ sched.Runner = (*Runner)(nil)

// New returns a Runner. Connections are not reused between runs, so every
// HTTPS check performs a handshake and sees the certificate served now.
func New(cfg Config, clock sched.Clock) *Runner {
	if cfg.Resolver == nil {
		cfg.Resolver = net.DefaultResolver
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DisableKeepAlives = true
	tr.Proxy = nil
	tr.MaxResponseHeaderBytes = 64 << 10
	tr.TLSClientConfig = &tls.Config{RootCAs: cfg.RootCAs, MinVersion: tls.VersionTLS12}
	return &Runner{cfg: cfg, clock: clock, transport: tr}
}

// Run runs job's check until it finishes or ctx ends.
func (r *Runner) Run(ctx context.Context, job sched.Job) sched.Result {
	start := r.clock.Now()
	var res sched.Result
	switch job.PluginID {
	case HTTP:
		res = r.http(ctx, job, start)
	case TCP:
		res = r.tcp(ctx, job)
	case DNS:
		res = r.dns(ctx, job)
	default:
		res = invalid(fmt.Errorf("no server-side check %q", job.PluginID))
	}
	res.Job, res.Time = job, start
	res.Duration = r.clock.Now().Sub(start)
	res.Message = capMessage(res.Message)
	return res
}

// maxMessage bounds a message, which may quote what a target sent (a
// status line, DNS answers): stored and shown, it must stay small.
const maxMessage = 4 << 10

func capMessage(msg string) string {
	if len(msg) <= maxMessage {
		return msg
	}
	return strings.ToValidUTF8(msg[:maxMessage], "") + " …"
}

// invalid is the result of a check that could not be attempted.
func invalid(err error) sched.Result {
	return sched.Result{Status: sched.StatusPluginError, ExitCode: 3, Message: err.Error()}
}

// observed builds a result from a measurement: latency is the value.
func observed(exit int, latency time.Duration, msg string, perf ...perfdata.Point) sched.Result {
	ms := float64(latency.Microseconds()) / 1000
	p := perfdata.Point{Label: "time", Value: &ms, UOM: "ms"}
	return sched.Result{Status: sched.StatusOK, ExitCode: exit, Value: &ms, Message: msg,
		Perfdata: append([]perfdata.Point{p}, perf...)}
}

// down is the result of a target that did not answer.
func down(msg string) sched.Result {
	return sched.Result{Status: sched.StatusOK, ExitCode: exitCritical, Message: msg}
}
