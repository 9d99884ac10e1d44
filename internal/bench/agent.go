package bench

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"time"

	"github.com/prophasis/prophasis/agent/client"
	"github.com/prophasis/prophasis/agent/stock"
)

// runAgent runs prophasis-agent as a real process (init, then run on a
// loopback port), reads /proc/<pid>/stat and status while it idles and
// across AgentChecks runs of the stock CPU-load plugin sent by the core's
// client, one at a time. Per-check CPU counts the agent and, separately,
// the plugin processes it waited for.
func runAgent(ctx context.Context, env *Env) ([]Row, error) {
	a, err := startAgent(ctx, env.Sizes.AgentBin)
	if err != nil {
		return nil, err
	}
	defer a.stop()
	idle0, _, err := procCPU(a.cmd.Process.Pid)
	if err != nil {
		return nil, err
	}
	agentIdle := env.Sizes.AgentIdle
	time.Sleep(agentIdle)
	idle1, _, _ := procCPU(a.cmd.Process.Pid)
	idleMem := procStatus(a.cmd.Process.Pid)
	plugin, err := stock.Get("com.prophasis.cpu_load")
	if err != nil {
		return nil, fmt.Errorf("bench: stock plugin: %w", err)
	}
	cl := client.New(client.Options{Logger: env.Logger})
	defer cl.Close()
	if r := cl.Run(ctx, a.conn, plugin.Manifest.ID, client.Bytes(plugin.Archive), nil); r.Status != client.StatusOK {
		return nil, fmt.Errorf("bench: agent first run: %s %s", r.Status, r.Message)
	}
	own0, kids0, _ := procCPU(a.cmd.Process.Pid)
	n := env.Sizes.AgentChecks
	env.Progress.Start("agent checks", n)
	began := time.Now()
	for range n {
		if r := cl.Run(ctx, a.conn, plugin.Manifest.ID, client.Bytes(plugin.Archive), nil); r.Status != client.StatusOK {
			return nil, fmt.Errorf("bench: agent run: %s %s", r.Status, r.Message)
		}
		env.Progress.Step(1)
	}
	took := time.Since(began)
	env.Progress.Done()
	own1, kids1, _ := procCPU(a.cmd.Process.Pid)
	busyMem := procStatus(a.cmd.Process.Pid)
	per := func(d time.Duration) string { return fmt.Sprintf("%.2f ms", d.Seconds()*1000/float64(n)) }
	return []Row{
		info("agent", "idle CPU", "%s over %s (%.2f %% of a core)", idle1-idle0, agentIdle, 100*(idle1-idle0).Seconds()/agentIdle.Seconds()),
		info("agent", "idle RSS", "%d MB", idleMem.rssKB/1024),
		info("agent", "per check: agent CPU", "%s (%d runs of cpu_load in %s)", per(own1-own0), n, took.Round(time.Millisecond)),
		info("agent", "per check: plugin process CPU", "%s", per(kids1-kids0)),
		info("agent", "RSS after checks (peak)", "%d MB (%d MB)", busyMem.rssKB/1024, busyMem.hwmKB/1024),
	}, nil
}

// agentProc is a running prophasis-agent and how to reach it.
type agentProc struct {
	dir  string
	cmd  *exec.Cmd
	conn client.HostConn
}

var (
	keyLine = regexp.MustCompile(`key:\s+([0-9a-f]{64})`)
	fpLine  = regexp.MustCompile(`fingerprint:\s+([0-9a-f]{64})`)
)

// startAgent runs `init` then `run` in a temporary directory and waits
// until the agent answers a ping.
func startAgent(ctx context.Context, bin string) (*agentProc, error) {
	bin, err := agentBinary(bin)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "prophasis-agent-bench-")
	if err != nil {
		return nil, err
	}
	a := &agentProc{dir: dir}
	addr, err := freeAddr()
	if err != nil {
		a.stop()
		return nil, err
	}
	cfg := filepath.Join(dir, "agent.yaml")
	out, err := exec.CommandContext(ctx, bin, "init", "--config", cfg, "--listen", addr).CombinedOutput()
	key, fp := keyLine.FindSubmatch(out), fpLine.FindSubmatch(out)
	if err != nil || key == nil || fp == nil {
		a.stop()
		return nil, fmt.Errorf("bench: agent init: %v: %s", err, out)
	}
	a.conn = client.HostConn{Addr: addr, Key: string(key[1]), Fingerprint: string(fp[1])}
	a.cmd = exec.Command(bin, "run", "--config", cfg)
	a.cmd.Stdout, a.cmd.Stderr = nil, nil
	if err := a.cmd.Start(); err != nil {
		a.stop()
		return nil, fmt.Errorf("bench: agent run: %w", err)
	}
	return a, a.waitPing(ctx)
}

func (a *agentProc) waitPing(ctx context.Context) error {
	cl := client.New(client.Options{})
	defer cl.Close()
	deadline := time.Now().Add(15 * time.Second)
	for {
		_, err := cl.Ping(ctx, a.conn)
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			a.stop()
			return fmt.Errorf("bench: agent never answered: %w", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (a *agentProc) stop() {
	if a.cmd != nil && a.cmd.Process != nil {
		_ = a.cmd.Process.Kill()
		_ = a.cmd.Wait()
	}
	_ = os.RemoveAll(a.dir)
}

// agentBinary is bin, else prophasis-agent next to this executable, else
// on PATH.
func agentBinary(bin string) (string, error) {
	if bin != "" {
		return bin, nil
	}
	if self, err := os.Executable(); err == nil {
		next := filepath.Join(filepath.Dir(self), "prophasis-agent")
		if _, err := os.Stat(next); err == nil {
			return next, nil
		}
	}
	p, err := exec.LookPath("prophasis-agent")
	if err != nil {
		return "", fmt.Errorf("bench: prophasis-agent not found (give --agent-bin): %w", err)
	}
	return p, nil
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}
