//go:build !linux

package pgserver

import "os/exec"

// setParentDeathSignal has no portable equivalent outside Linux; there a
// crashed parent leaves the server running until it is stopped by hand.
func setParentDeathSignal(*exec.Cmd) {}
