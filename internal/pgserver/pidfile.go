package pgserver

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// ErrRunning means another postmaster still serves the data directory (for
// example a second `prophasis up` on the same directory).
var ErrRunning = errors.New("postgresql already running on this data directory")

// parsePidFile returns the postmaster PID from the first line of
// postmaster.pid, which a crash can leave truncated or empty.
func parsePidFile(data []byte) (int, bool) {
	first, _, _ := bytes.Cut(data, []byte("\n"))
	pid, err := strconv.Atoi(strings.TrimSpace(string(first)))
	if err != nil || pid <= 0 {
		return 0, false
	}
	return pid, true
}

// clearStalePid removes a postmaster.pid that would wrongly stop PostgreSQL
// from starting after a crash. PostgreSQL handles a dead PID itself (and
// checks that no orphaned backend still uses the shared memory, so that case
// is left to it), but after a reboot or in a container the PID is often
// reused by an unrelated process and PostgreSQL then refuses to start. A PID
// that is alive and is a postgres process is a real conflict.
func clearStalePid(dir string) error {
	path := filepath.Join(dir, "postmaster.pid")
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("pgserver: read %s: %w", path, err)
	}
	pid, ok := parsePidFile(data)
	switch {
	case ok && !alive(pid):
		return nil
	case ok && isPostgres(pid):
		return fmt.Errorf("pgserver: %s: %w (pid %d); stop it first", dir, ErrRunning, pid)
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("pgserver: remove stale %s: %w", path, err)
	}
	return nil
}

func alive(pid int) bool { return !errors.Is(syscall.Kill(pid, 0), syscall.ESRCH) }

// isPostgres reports whether the live process pid is postgres. Where /proc
// is missing any process counts, which errs on the side of not starting.
func isPostgres(pid int) bool {
	comm, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "comm"))
	if err != nil {
		return !exists("/proc/self")
	}
	name := strings.TrimSpace(string(comm))
	return name == "postgres" || name == "postmaster"
}
