//go:build windows

package runner

import (
	"os"
	"os/exec"
	"strconv"
)

// isolate makes cancellation kill the plugin's whole process tree with
// taskkill /T, falling back to killing the direct child.
func isolate(cmd *exec.Cmd) {
	cmd.Cancel = func() error {
		tree := exec.Command("taskkill", "/T", "/F", "/PID", strconv.Itoa(cmd.Process.Pid))
		if err := tree.Run(); err != nil {
			return cmd.Process.Kill()
		}
		return nil
	}
}

// killGroup is a no-op on Windows: the process tree is gone with its root
// once taskkill ran, and an exited root leaves no group to address.
func killGroup(*exec.Cmd) {}

func baseEnv() []string {
	var env []string
	for _, k := range []string{"PATH", "SystemRoot", "TEMP", "TMP", "USERPROFILE"} {
		if v := os.Getenv(k); v != "" {
			env = append(env, k+"="+v)
		}
	}
	return env
}
