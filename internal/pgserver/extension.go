package pgserver

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// HasTimescale reports whether the TimescaleDB extension is installed for
// these binaries: its control file in the share directory or its library in
// the package library directory. The server must preload it to use it.
func (b Binaries) HasTimescale() bool {
	share, lib := b.dirs()
	if exists(filepath.Join(share, "extension", "timescaledb.control")) {
		return true
	}
	libs, _ := filepath.Glob(filepath.Join(lib, "timescaledb*.so"))
	return len(libs) > 0
}

// dirs returns the share and package library directories, from pg_config
// when it sits next to the server, otherwise from the Debian layout.
func (b Binaries) dirs() (share, lib string) {
	out, err := exec.Command(b.Path("pg_config"), "--sharedir", "--pkglibdir").Output()
	if lines := strings.Fields(string(out)); err == nil && len(lines) == 2 {
		return lines[0], lines[1]
	}
	return filepath.Join("/usr/share/postgresql", filepath.Base(filepath.Dir(b.Dir))),
		filepath.Join(filepath.Dir(b.Dir), "lib")
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
