// Package pgserver runs a private PostgreSQL from the system's binaries: the
// embedded default behind `prophasis up` and the server the test harness uses.
// It never downloads anything; it finds what the distribution installed.
package pgserver

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
)

// MinMajor is the oldest PostgreSQL major version Prophasis supports.
const MinMajor = 15

// ErrNotInstalled is returned when no usable PostgreSQL binaries exist; the
// wrapping error says how to install them.
var ErrNotInstalled = errors.New("postgresql server binaries not found")

const installHint = `install PostgreSQL 15 or newer:
  Debian/Ubuntu:  sudo apt-get install postgresql
  Fedora/RHEL:    sudo dnf install postgresql-server
  macOS:          brew install postgresql@17
or use an existing server with --db / PROPHASIS_DATABASE_URL`

// Binaries is one installed PostgreSQL: the directory holding initdb and
// postgres, and the major version they belong to.
type Binaries struct {
	Dir   string
	Major int
}

// searchGlobs are the distribution layouts that keep one directory per major
// version (Debian/Ubuntu, then the PGDG RPMs).
var searchGlobs = []string{"/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin"}

// FindBinaries returns the newest installed PostgreSQL of at least MinMajor,
// or exactly major when it is not 0 (an existing data directory can only be
// opened by the major version that created it).
func FindBinaries(major int) (Binaries, error) {
	var found []Binaries
	for _, g := range searchGlobs {
		dirs, _ := filepath.Glob(g)
		for _, d := range dirs {
			if b, err := probe(d); err == nil {
				found = append(found, b)
			}
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		if b, err := probe(filepath.Dir(p)); err == nil {
			found = append(found, b)
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].Major > found[j].Major })
	for _, b := range found {
		if (major == 0 && b.Major >= MinMajor) || b.Major == major {
			return b, nil
		}
	}
	if major != 0 {
		return Binaries{}, fmt.Errorf("%w: the data directory was created by PostgreSQL %d; "+
			"install that version (Debian/Ubuntu: sudo apt-get install postgresql-%d) or choose another data directory",
			ErrNotInstalled, major, major)
	}
	return Binaries{}, fmt.Errorf("%w; %s", ErrNotInstalled, installHint)
}

// probe checks that dir holds initdb and postgres and asks postgres its version.
func probe(dir string) (Binaries, error) {
	for _, name := range []string{"initdb", "postgres"} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.IsDir() {
			return Binaries{}, fmt.Errorf("pgserver: %s missing in %s", name, dir)
		}
	}
	out, err := exec.Command(filepath.Join(dir, "postgres"), "--version").Output()
	if err != nil {
		return Binaries{}, fmt.Errorf("pgserver: %s/postgres --version: %w", dir, err)
	}
	major, err := parseMajor(string(out))
	if err != nil {
		return Binaries{}, err
	}
	return Binaries{Dir: dir, Major: major}, nil
}

var versionRE = regexp.MustCompile(`\(PostgreSQL\) (\d+)`)

// parseMajor reads the major version from `postgres --version` output such as
// "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)".
func parseMajor(out string) (int, error) {
	m := versionRE.FindStringSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("pgserver: unrecognised version output %q", out)
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n <= 0 || n > 1000 {
		return 0, fmt.Errorf("pgserver: unrecognised version output %q", out)
	}
	return n, nil
}

// Path returns the full path of one of the binaries, e.g. "postgres".
func (b Binaries) Path(name string) string { return filepath.Join(b.Dir, name) }
