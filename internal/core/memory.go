package core

import (
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// containerShare is the part of a container's memory limit given to the Go
// runtime as its soft limit: the rest is for what the runtime does not
// count (thread stacks outside the heap, cgo, the kernel's page tables),
// so the garbage collector works harder before the kernel kills the
// process, instead of after.
const containerShare = 0.9

// cgroupLimitFiles hold the memory limit of the process's cgroup (v2, then
// v1); inside a container they are the container's.
var cgroupLimitFiles = []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}

// memoryLimit decides the soft memory limit of the process: GOMEMLIMIT when
// the user set it (the runtime has applied it already: nothing to do),
// else the configured limit (negative: none), else a share of the
// container's limit when there is one. It returns 0 when the runtime is to
// be left alone, and where the limit comes from, for the log.
func memoryLimit(configured int64, goMemLimit string, container int64) (int64, string) {
	switch {
	case goMemLimit != "":
		return 0, "GOMEMLIMIT"
	case configured < 0:
		return 0, "none"
	case configured > 0:
		return configured, "configuration"
	case container > 0:
		return int64(float64(container) * containerShare), "container limit"
	}
	return 0, "none"
}

// containerLimit is the memory limit of this process's cgroup in bytes, 0
// when there is none or it cannot be read.
func containerLimit() int64 {
	for _, f := range cgroupLimitFiles {
		raw, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		return parseCgroupLimit(string(raw))
	}
	return 0
}

// parseCgroupLimit reads a cgroup memory limit file: "max" (v2) or a
// number near MaxInt64 (v1) mean no limit.
func parseCgroupLimit(s string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 || n >= math.MaxInt64/2 {
		return 0
	}
	return n
}

// applyMemoryLimit sets the runtime's soft memory limit as memoryLimit
// decides and returns a func restoring the previous one, so a process
// running several cores one after another (tests, benchmarks) is left as
// it was.
func (c *Core) applyMemoryLimit() func() {
	limit, source := memoryLimit(c.cfg.MemoryLimit, os.Getenv("GOMEMLIMIT"), containerLimit())
	if limit == 0 {
		c.logger.Info("memory limit", "source", source, "limit_mb", debug.SetMemoryLimit(-1)>>20)
		return func() {}
	}
	prev := debug.SetMemoryLimit(limit)
	c.logger.Info("memory limit", "source", source, "limit_mb", limit>>20)
	return func() { debug.SetMemoryLimit(prev) }
}
