// Package script runs a local executable for each notification: the alert
// arrives as PROPHASIS_* environment variables and as JSON on stdin, so any
// tool (a pager gateway, an SMS modem, a ticket system) can be wired in.
package script

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/prophasis/prophasis/alert"
)

var _ alert.Notifier = (*Notifier)(nil)

// Defaults for Config fields left zero.
const (
	DefaultTimeout   = 30 * time.Second
	DefaultMaxOutput = 4096
	// ExitTempFail (EX_TEMPFAIL from sysexits.h) is the exit code with which
	// a script asks to be retried later.
	ExitTempFail = 75
)

// Config names the executable, its fixed arguments, how long it may run and
// how much of its output is kept for the alert log.
type Config struct {
	Path      string        `json:"path" yaml:"path"`
	Args      []string      `json:"args,omitempty" yaml:"args,omitempty"`
	Timeout   time.Duration `json:"timeout,omitempty" yaml:"timeout,omitempty"`
	MaxOutput int           `json:"max_output,omitempty" yaml:"max_output,omitempty"`
}

// Notifier runs one script.
type Notifier struct{ cfg Config }

// New requires an absolute path so the server's working directory and PATH
// never decide which program runs.
func New(cfg Config) (*Notifier, error) {
	if !filepath.IsAbs(cfg.Path) {
		return nil, fmt.Errorf("script: path %q must be absolute", cfg.Path)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxOutput <= 0 {
		cfg.MaxOutput = DefaultMaxOutput
	}
	return &Notifier{cfg: cfg}, nil
}

// Notify runs the script in its own process group, killed as a whole at the
// timeout so a forgotten background child cannot hang the pipeline. A
// timeout or exit code 75 is retryable; any other failure is final.
func (n *Notifier) Notify(ctx context.Context, note alert.Notification) (bool, error) {
	stdin, err := json.Marshal(note)
	if err != nil {
		return false, fmt.Errorf("script: encode: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, n.cfg.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, n.cfg.Path, n.cfg.Args...)
	cmd.Env = Env(note)
	cmd.Stdin = bytes.NewReader(stdin)
	out := &capped{max: n.cfg.MaxOutput}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = time.Second
	err = cmd.Run()
	switch {
	case err == nil:
		return false, nil
	case ctx.Err() != nil:
		return true, fmt.Errorf("script: %s: killed after %s: %s", n.cfg.Path, n.cfg.Timeout, out.text())
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode() == ExitTempFail, fmt.Errorf("script: %s: exit %d: %s", n.cfg.Path, exit.ExitCode(), out.text())
	}
	return false, fmt.Errorf("script: %s: %w", n.cfg.Path, err)
}

// capped keeps the first max bytes written and silently drops the rest, so
// a chatty script neither fills memory nor blocks on a full pipe.
type capped struct {
	buf       bytes.Buffer
	max       int
	truncated bool
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.buf.Len(); room < len(p) {
		c.truncated = true
		c.buf.Write(p[:max(room, 0)])
		return len(p), nil
	}
	return c.buf.Write(p)
}

func (c *capped) text() string {
	s := strings.TrimSpace(c.buf.String())
	if c.truncated {
		s += " [output truncated]"
	}
	return s
}
