package doctor

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/sched/agentrun"
)

// Thresholds of the agent check.
const (
	certWarn = 30 * 24 * time.Hour
	skewWarn = 30 * time.Second
)

// agents pings every enabled host with its pinned fingerprint and reports
// the agent's version, certificate expiry and clock skew. A skewed clock
// puts results in the wrong place on graphs and in history windows.
func (d *Doctor) agents(ctx context.Context) []Finding {
	hosts, err := storage.ListHosts(ctx, d.DB, "")
	if err != nil {
		return finding("agents", Fail, err.Error())
	}
	if d.Hosts == nil || d.Client == nil {
		return finding("agents", Warn, fmt.Sprintf("%d hosts not checked: no server secret to open their agent keys", len(hosts)))
	}
	var out []Finding
	for _, h := range hosts {
		if h.Enabled {
			out = append(out, d.agent(ctx, h))
		}
	}
	if len(out) == 0 {
		return finding("agents", OK, "no enabled hosts")
	}
	return out
}

func (d *Doctor) agent(ctx context.Context, h storage.Host) Finding {
	check := "agent " + h.Name
	conn, err := d.Hosts.Conn(ctx, h.ID)
	switch {
	case errors.Is(err, agentrun.ErrNoAgentKey), errors.Is(err, agentrun.ErrNotPinned):
		return Finding{Check: check, Status: Warn, Message: "not paired with an agent: " + err.Error()}
	case err != nil:
		return Finding{Check: check, Status: Fail, Message: err.Error()}
	}
	ping, err := d.Client.Ping(ctx, conn)
	if err != nil {
		return Finding{Check: check, Status: Fail, Message: fmt.Sprintf("unreachable at %s: %v", conn.Addr, err)}
	}
	msg := fmt.Sprintf("version %s, %s/%s", ping.AgentVersion, ping.OS, ping.Arch)
	p, err := probe(ctx, conn, d.Now)
	if err != nil {
		return Finding{Check: check, Status: Warn, Message: msg + fmt.Sprintf("; certificate and clock not read: %v", err)}
	}
	left := p.NotAfter.Sub(d.Now())
	msg += fmt.Sprintf(", certificate expires in %s, clock skew %s", ago(left), p.Skew.Round(time.Second))
	status := OK
	switch {
	case left <= 0:
		status, msg = Fail, msg+": certificate expired (re-run prophasis-agent init --force and re-pin)"
	case left < certWarn:
		status = Warn
	case p.Skew > skewWarn || p.Skew < -skewWarn:
		status, msg = Warn, msg+": set up NTP on the host"
	}
	return Finding{Check: check, Status: status, Message: msg}
}
