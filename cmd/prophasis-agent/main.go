// Command prophasis-agent runs on every monitored host: it serves the agent
// API over HTTPS, installs plugins pushed by the core and runs them. It
// also contains the mock agent used for tests and demos.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

func main() { os.Exit(run()) }

// run wires the command tree and returns the exit code; commands get a
// context cancelled on SIGINT/SIGTERM so the server can drain running checks.
func run() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if err := newRootCmd(logger).ExecuteContext(ctx); err != nil {
		if !errors.Is(err, context.Canceled) {
			fmt.Fprintln(os.Stderr, "prophasis-agent:", err)
		}
		return 1
	}
	return 0
}
