package pgserver

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
)

// Config says where and how to run the cluster.
type Config struct {
	// Dir is the cluster's data directory; it is created with initdb when it
	// does not hold a cluster yet, and reused (data kept) when it does.
	Dir string
	// Port is the TCP port on 127.0.0.1; 0 picks a free one at every start.
	Port int
	// Throwaway trades durability for speed (initdb --no-sync, fsync off):
	// for test clusters whose data nobody needs after a crash.
	Throwaway bool
	// Settings are extra server settings passed as -c name=value.
	Settings map[string]string
	// Logger receives start and stop events; nil discards them. What
	// PostgreSQL itself logs goes to server.log in Dir (and, unless
	// Throwaway, to Dir/log/postgresql-<weekday>.log once it runs).
	Logger *slog.Logger
}

// Server is a running PostgreSQL postmaster owned by this process.
type Server struct {
	bin       Binaries
	dir       string
	port      int
	timescale bool
	logger    *slog.Logger
	cmd       *exec.Cmd
	exited    chan struct{}
	waitErr   error
}

// Start initialises the cluster if needed and starts PostgreSQL, returning
// once it accepts connections. ctx bounds the start only: the server keeps
// running until Stop, so the caller decides when in its shutdown it goes.
func Start(ctx context.Context, cfg Config) (*Server, error) {
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	dir, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return nil, fmt.Errorf("pgserver: data directory: %w", err)
	}
	own, err := processOwner()
	if err != nil {
		return nil, err
	}
	if err := own.prepare(dir); err != nil {
		return nil, err
	}
	bin, err := binariesFor(dir)
	if err != nil {
		return nil, err
	}
	if err := initCluster(ctx, bin, own, dir, cfg.Throwaway, logger); err != nil {
		return nil, err
	}
	if err := clearStalePid(dir); err != nil {
		return nil, err
	}
	s := &Server{bin: bin, dir: dir, timescale: bin.HasTimescale(), logger: logger}
	for attempt := 0; ; attempt++ {
		err = s.start(ctx, own, cfg)
		if err == nil || cfg.Port != 0 || attempt == 2 || ctx.Err() != nil {
			return s, err
		}
		logger.Warn("postgresql did not start, retrying on another port", "err", err)
	}
}

// start launches the postmaster once and waits until it is ready.
func (s *Server) start(ctx context.Context, own *owner, cfg Config) error {
	port := cfg.Port
	if port == 0 {
		p, err := freePort()
		if err != nil {
			return err
		}
		port = p
	}
	s.port = port
	logFile, err := os.OpenFile(filepath.Join(s.dir, "server.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("pgserver: open server log: %w", err)
	}
	defer logFile.Close()
	s.cmd = exec.Command(s.bin.Path("postgres"), s.args(cfg)...)
	s.cmd.Stdout, s.cmd.Stderr = logFile, logFile
	own.apply(s.cmd)
	setParentDeathSignal(s.cmd)
	if err := s.cmd.Start(); err != nil {
		return fmt.Errorf("pgserver: start postgres: %w", err)
	}
	s.exited = make(chan struct{})
	go func() { s.waitErr = s.cmd.Wait(); close(s.exited) }()
	if err := s.waitReady(ctx); err != nil {
		_ = s.kill()
		return err
	}
	s.logger.Info("postgresql started", "dir", s.dir, "port", port, "major", s.bin.Major, "timescaledb", s.timescale)
	return nil
}

// args builds the postmaster command line. Settings go on the command line
// rather than into postgresql.conf so the port can change between starts.
func (s *Server) args(cfg Config) []string {
	set := map[string]string{
		"listen_addresses":        "127.0.0.1",
		"port":                    strconv.Itoa(s.port),
		"unix_socket_directories": s.socketDir(),
		"unix_socket_permissions": "0700",
	}
	if s.timescale {
		set["shared_preload_libraries"] = "timescaledb"
		set["timescaledb.telemetry_level"] = "off"
	}
	if cfg.Throwaway {
		set["fsync"], set["synchronous_commit"], set["full_page_writes"] = "off", "off", "off"
	} else {
		// A long-running server logs into log/, one file per weekday,
		// overwritten a week later, so the log cannot fill the disk.
		set["logging_collector"], set["log_directory"] = "on", "log"
		set["log_filename"], set["log_truncate_on_rotation"] = "postgresql-%a.log", "on"
		set["log_rotation_age"], set["log_rotation_size"] = "1d", "0"
	}
	for k, v := range cfg.Settings {
		set[k] = v
	}
	args := []string{"-D", s.dir}
	for k, v := range set {
		args = append(args, "-c", k+"="+v)
	}
	return args
}

// socketDir is the data directory, unless its path is too long for a unix
// socket name (about 107 bytes), in which case only TCP is used.
func (s *Server) socketDir() string {
	if len(s.dir)+len("/.s.PGSQL.65535") >= 107 {
		return ""
	}
	return s.dir
}
