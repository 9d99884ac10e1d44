package pgserver

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// binariesFor picks the binaries for dir: the major version that created it,
// or the newest installed for a new cluster.
func binariesFor(dir string) (Binaries, error) {
	data, err := os.ReadFile(filepath.Join(dir, "PG_VERSION"))
	if os.IsNotExist(err) {
		return FindBinaries(0)
	}
	if err != nil {
		return Binaries{}, fmt.Errorf("pgserver: read PG_VERSION: %w", err)
	}
	major, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil || major <= 0 {
		return Binaries{}, fmt.Errorf("pgserver: %s/PG_VERSION is damaged (%q)", dir, data)
	}
	return FindBinaries(major)
}

// initCluster runs initdb when dir holds no cluster yet. Trust authentication
// is safe here only because the server listens on loopback and a socket in
// a 0700 directory; the superuser is always called postgres.
func initCluster(ctx context.Context, bin Binaries, own *owner, dir string, throwaway bool, logger *slog.Logger) error {
	if exists(filepath.Join(dir, "PG_VERSION")) {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("pgserver: read data directory: %w", err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("pgserver: %s is neither empty nor a PostgreSQL data directory; choose another", dir)
	}
	args := []string{"-D", dir, "-U", "postgres", "--auth=trust", "--no-locale", "--encoding=UTF8"}
	if throwaway {
		args = append(args, "--no-sync")
	}
	cmd := exec.CommandContext(ctx, bin.Path("initdb"), args...)
	own.apply(cmd)
	logger.Info("creating postgresql cluster", "dir", dir, "major", bin.Major)
	if out, err := cmd.CombinedOutput(); err != nil {
		_ = removeContents(dir)
		return fmt.Errorf("pgserver: initdb %s: %w\n%s", dir, err, out)
	}
	return nil
}

// removeContents empties dir after a failed initdb so the next try starts
// clean, keeping the directory itself (and its ownership).
func removeContents(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	return nil
}
