// Package docker holds the container build; its tests run the same build
// script the Dockerfiles run, without docker, and check what it produces.
package docker

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

const testVersion = "v0.0.0-dockertest"

var build struct {
	once sync.Once
	dir  string
	err  error
	out  []byte
}

// binaries runs build.sh once per test binary and returns the output
// directory. It lives in os.MkdirTemp, not t.TempDir, because several tests
// share it; TestMain removes it.
func binaries(t *testing.T) string {
	t.Helper()
	build.once.Do(func() {
		build.dir, build.err = os.MkdirTemp("", "prophasis-build-")
		if build.err != nil {
			return
		}
		cmd := exec.Command("./build.sh", build.dir)
		cmd.Env = append(os.Environ(), "VERSION="+testVersion)
		build.out, build.err = cmd.CombinedOutput()
	})
	if build.err != nil {
		t.Fatalf("build.sh: %v\n%s", build.err, build.out)
	}
	return build.dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if build.dir != "" {
		os.RemoveAll(build.dir)
	}
	os.Exit(code)
}

func TestBuildProducesStaticBinariesWithVersion(t *testing.T) {
	dir := binaries(t)
	for _, name := range []string{"prophasis", "prophasis-agent"} {
		t.Run(name, func(t *testing.T) {
			bin := filepath.Join(dir, name)
			if runtime.GOOS == "linux" {
				assertStatic(t, bin)
			}
			out, err := exec.Command(bin, "--help").CombinedOutput()
			if err != nil || !strings.Contains(string(out), "healthcheck") {
				t.Fatalf("%s --help: %v; want a healthcheck subcommand listed:\n%s", name, err, out)
			}
			out, err = exec.Command(bin, "version").CombinedOutput()
			if err != nil || !strings.Contains(string(out), testVersion) {
				t.Fatalf("%s version = %q, %v; want %s stamped by build.sh", name, out, err, testVersion)
			}
		})
	}
}

// assertStatic fails when the binary asks for a dynamic loader, which the
// distroless static base image does not have.
func assertStatic(t *testing.T, path string) {
	t.Helper()
	f, err := elf.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Fatalf("%s is dynamically linked (has an ELF interpreter)", path)
		}
	}
}
