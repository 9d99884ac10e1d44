package bench

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// memStatus is the memory of a process from /proc/<pid>/status, in kB.
type memStatus struct{ rssKB, hwmKB int64 }

// procStatus reads VmRSS and VmHWM of pid; zeros when unreadable.
func procStatus(pid int) memStatus {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return memStatus{}
	}
	var m memStatus
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 {
			continue
		}
		v, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			m.rssKB = v
		case "VmHWM:":
			m.hwmKB = v
		}
	}
	return m
}

// clockTicks is USER_HZ, the unit of /proc/<pid>/stat times on Linux.
const clockTicks = 100

// procCPU is the CPU time of pid from /proc/<pid>/stat: its own (utime +
// stime) and that of its waited-for children (cutime + cstime), such as
// the plugin processes an agent runs.
func procCPU(pid int) (own, children time.Duration, err error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, 0, fmt.Errorf("bench: read stat: %w", err)
	}
	// The command name is in parentheses and may hold spaces: fields
	// are counted after the last ')'.
	end := bytes.LastIndexByte(raw, ')')
	if end < 0 {
		return 0, 0, fmt.Errorf("bench: malformed /proc/%d/stat", pid)
	}
	f := strings.Fields(string(raw[end+1:]))
	if len(f) < 15 {
		return 0, 0, fmt.Errorf("bench: short /proc/%d/stat", pid)
	}
	var t [4]int64
	for i := range t {
		if t[i], err = strconv.ParseInt(f[11+i], 10, 64); err != nil {
			return 0, 0, fmt.Errorf("bench: /proc/%d/stat times: %w", pid, err)
		}
	}
	tick := func(n int64) time.Duration { return time.Duration(n) * time.Second / clockTicks }
	return tick(t[0] + t[1]), tick(t[2] + t[3]), nil
}
