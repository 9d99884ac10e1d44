// Package runner executes plugin entry points. Each run gets its own process
// group (a job-like unit on Windows) that is killed as a whole at the
// deadline, so a plugin that forks cannot outlive its timeout or hold the
// output pipe open; stdin is closed and captured output is capped.
package runner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"time"
)

// Spec is one execution.
type Spec struct {
	// Path is the executable; Dir its working directory.
	Path string
	Dir  string
	Args []string
	// Env is appended to a minimal environment (PATH, HOME, LANG=C).
	Env     []string
	Timeout time.Duration
	// MaxOutput caps kept stdout bytes; the rest is read and discarded so
	// the child never blocks on a full pipe.
	MaxOutput int
}

// Output is what a run produced.
type Output struct {
	Stdout []byte
	// Stderr keeps at most the first 4 KiB, for error messages.
	Stderr    []byte
	Truncated bool
	// ExitCode is -1 when the process did not exit normally.
	ExitCode int
	Duration time.Duration
	TimedOut bool
}

// waitDelay is how long output is drained after the plugin exited and its
// group was killed; it only matters if a child escaped the group.
const waitDelay = 2 * time.Second

const maxStderr = 4 << 10

// Run executes spec and returns its output. An error means the program could
// not be started (missing, not executable); a non-zero exit or a timeout is
// reported in Output, not as an error.
func Run(ctx context.Context, spec Spec) (Output, error) {
	ctx, cancel := context.WithTimeout(ctx, spec.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, spec.Path, spec.Args...)
	cmd.Dir = spec.Dir
	cmd.Env = append(baseEnv(), spec.Env...)
	stdout := &capped{max: spec.MaxOutput}
	stderr := &capped{max: maxStderr}
	outR, outDone, err := drain(cmd, &cmd.Stdout, stdout)
	if err != nil {
		return Output{}, err
	}
	defer outR.Close()
	errR, errDone, err := drain(cmd, &cmd.Stderr, stderr)
	if err != nil {
		closeWriters(cmd)
		return Output{}, err
	}
	defer errR.Close()
	cmd.WaitDelay = waitDelay
	isolate(cmd)
	start := time.Now()
	err = cmd.Start()
	closeWriters(cmd)
	if err != nil {
		return Output{}, fmt.Errorf("runner: start %s: %w", spec.Path, err)
	}
	err = cmd.Wait()
	killGroup(cmd)
	finish(outR, outDone)
	finish(errR, errDone)
	out := Output{
		Stdout:    stdout.buf.Bytes(),
		Stderr:    stderr.buf.Bytes(),
		Truncated: stdout.dropped > 0,
		ExitCode:  cmd.ProcessState.ExitCode(),
		Duration:  time.Since(start),
		TimedOut:  errors.Is(ctx.Err(), context.DeadlineExceeded),
	}
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) && !errors.Is(err, exec.ErrWaitDelay) && !out.TimedOut {
		return out, fmt.Errorf("runner: wait %s: %w", spec.Path, err)
	}
	return out, nil
}

// capped keeps the first max bytes written and counts the rest.
type capped struct {
	buf     bytes.Buffer
	max     int
	dropped int64
}

func (c *capped) Write(p []byte) (int, error) {
	keep := min(len(p), c.max-c.buf.Len())
	if keep > 0 {
		c.buf.Write(p[:keep])
	}
	c.dropped += int64(len(p) - max(keep, 0))
	return len(p), nil
}
