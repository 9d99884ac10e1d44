package bench

import (
	"bufio"
	"context"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"time"

	"github.com/prophasis/prophasis/agent/mock"
)

// agents are the mock agents a world's hosts point at.
type agents interface {
	Addrs() []string
	Fingerprint() string
	Close() error
}

// mockProc is `prophasis-agent mock` run as a child process, so that its
// CPU, memory and file descriptors are not the core's.
type mockProc struct {
	cmd   *exec.Cmd
	addrs []string
	fp    string
}

var mockFP = regexp.MustCompile(`fingerprint ([0-9a-f]{64})`)

// startAgents runs n mock agent addresses in a child process when the
// prophasis-agent binary is found, else in this process.
func startAgents(ctx context.Context, env *Env, data string, n int) (agents, string, error) {
	bin, err := agentBinary(env.Sizes.AgentBin)
	if err != nil {
		var listen []string
		for i := range n {
			listen = append(listen, fmt.Sprintf("127.0.%d.%d:0", 1+i/250, 1+i%250))
		}
		srv, err := mock.Start(mock.Config{DataFile: data, Listen: listen, Logger: env.Logger})
		return srv, "mock agents in this process", err
	}
	m, err := startMockProc(ctx, bin, data, n)
	return m, "mock agents in a child process", err
}

func startMockProc(ctx context.Context, bin, data string, n int) (*mockProc, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	port := addr[strings.LastIndexByte(addr, ':')+1:]
	m := &mockProc{}
	var listen []string
	for block := 0; block*250 < n; block++ {
		last := min(250, n-block*250)
		listen = append(listen, fmt.Sprintf("127.0.%d.1-%d:%s", 1+block, last, port))
		for i := 1; i <= last; i++ {
			m.addrs = append(m.addrs, fmt.Sprintf("127.0.%d.%d:%s", 1+block, i, port))
		}
	}
	m.cmd = exec.Command(bin, "mock", "--data", data, "--listen", strings.Join(listen, ","))
	m.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL} // never outlive a killed benchmark
	out, err := m.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := m.cmd.Start(); err != nil {
		return nil, fmt.Errorf("bench: start mock agents: %w", err)
	}
	line := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		sc.Scan()
		line <- sc.Text()
		for sc.Scan() {
		}
	}()
	select {
	case l := <-line:
		fp := mockFP.FindStringSubmatch(l)
		if fp == nil {
			_ = m.Close()
			return nil, fmt.Errorf("bench: mock agents did not start: %q", l)
		}
		m.fp = fp[1]
		return m, nil
	case <-time.After(30 * time.Second):
	case <-ctx.Done():
	}
	_ = m.Close()
	return nil, fmt.Errorf("bench: mock agents did not start")
}

func (m *mockProc) Addrs() []string     { return m.addrs }
func (m *mockProc) Fingerprint() string { return m.fp }

// Pid is the mock process, for its CPU figures.
func (m *mockProc) Pid() int { return m.cmd.Process.Pid }

// Close stops the mock process.
func (m *mockProc) Close() error {
	_ = m.cmd.Process.Kill()
	_ = m.cmd.Wait()
	return nil
}
