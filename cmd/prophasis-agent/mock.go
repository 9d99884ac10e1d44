package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/prophasis/prophasis/agent/mock"
)

func newMockCmd(logger *slog.Logger) *cobra.Command {
	var dataFile string
	var listen []string
	cmd := &cobra.Command{
		Use:   "mock --data FILE --listen ADDR[,ADDR...]",
		Short: "Run a mock agent answering from a JSON file",
		Long: `mock serves the agent API on every listen address, like one agent per
address. Runs answer with the value, message and status configured for
(listen address, plugin id) in the JSON data file, which is re-read whenever
it changes, so editing it changes the data live. Entries can also delay, time
out, hang or fail. See docs/agent.md for the file format.

On Linux every 127.0.0.0/8 address works without setup, so
  --listen 127.0.0.2-51:4048
simulates 50 hosts (a range in the last octet expands to one address each).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			addrs, err := expandListen(listen)
			if err != nil {
				return err
			}
			srv, err := mock.Start(mock.Config{DataFile: dataFile, Listen: addrs, Logger: logger.With("component", "mock")})
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "mock agent on %d addresses, fingerprint %s\n", len(srv.Addrs()), srv.Fingerprint())
			<-cmd.Context().Done()
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := srv.Shutdown(ctx); err != nil {
				return srv.Close()
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dataFile, "data", "", "JSON data file (required)")
	cmd.Flags().StringSliceVar(&listen, "listen", []string{"127.0.0.1:4048"}, "addresses to listen on; a.b.c.N-M:port expands a range")
	_ = cmd.MarkFlagRequired("data")
	return cmd
}

// expandListen expands "127.0.0.2-51:4048" into one address per last octet.
func expandListen(in []string) ([]string, error) {
	var out []string
	for _, addr := range in {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, fmt.Errorf("listen address %q: %w", addr, err)
		}
		prefix, last, ok := cutLast(host)
		from, to, isRange := strings.Cut(last, "-")
		if !ok || !isRange {
			out = append(out, addr)
			continue
		}
		a, err1 := strconv.Atoi(from)
		b, err2 := strconv.Atoi(to)
		if err1 != nil || err2 != nil || a < 0 || b > 255 || a > b {
			return nil, fmt.Errorf("listen address %q: bad range %q", addr, last)
		}
		for i := a; i <= b; i++ {
			out = append(out, net.JoinHostPort(prefix+strconv.Itoa(i), port))
		}
	}
	return out, nil
}

// cutLast splits "127.0.0.2-5" into "127.0.0." and "2-5".
func cutLast(host string) (prefix, last string, ok bool) {
	i := strings.LastIndexByte(host, '.')
	if i < 0 {
		return "", "", false
	}
	return host[:i+1], host[i+1:], true
}
