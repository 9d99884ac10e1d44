package pgserver

import (
	"os/exec"
	"syscall"
)

// setParentDeathSignal asks the kernel to fast-shutdown the postmaster if
// this process dies without stopping it (a crash, a test binary killed on
// timeout), so no orphaned server keeps the data directory locked.
func setParentDeathSignal(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Pdeathsig = syscall.SIGINT
}
