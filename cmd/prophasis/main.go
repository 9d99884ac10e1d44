// Command prophasis is the Prophasis monitoring server and its admin CLI.
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

// run wires the command tree and returns the process exit code. Commands get
// a context that is cancelled on SIGINT/SIGTERM so they can shut down in order.
func run() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	root := newRootCmd(logger)
	if err := root.ExecuteContext(ctx); err != nil {
		if !errors.Is(err, context.Canceled) {
			fmt.Fprintln(os.Stderr, "prophasis:", err)
		}
		return 1
	}
	return 0
}
