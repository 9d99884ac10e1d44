package pgtest

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ownerFile records which test binary a cluster directory belongs to.
const ownerFile = "owner.pid"

// claim marks dir as this process's.
func claim(dir string) error {
	return os.WriteFile(filepath.Join(dir, ownerFile), []byte(strconv.Itoa(os.Getpid())), 0o644)
}

// sweep removes cluster directories left by test binaries that died
// without running Main's cleanup (a panic, a timeout kill). Their servers
// stopped with them (parent-death signal), but on /dev/shm the files would
// hold memory until reboot. A directory without an owner file is only
// removed when it is an hour old, so one being created is never touched.
func sweep(parent string) {
	dirs, _ := filepath.Glob(filepath.Join(parent, "prophasis-pgtest-*"))
	for _, dir := range dirs {
		if abandoned(dir) {
			_ = os.RemoveAll(dir)
		}
	}
}

func abandoned(dir string) bool {
	data, err := os.ReadFile(filepath.Join(dir, ownerFile))
	if err != nil {
		fi, serr := os.Stat(dir)
		return serr == nil && time.Since(fi.ModTime()) > time.Hour
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	return err == nil && pid > 0 && errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}
