// Package buildinfo reports the version of the running binary, shared by the
// server and the agent so the core can tell which agent build it talks to.
package buildinfo

import "runtime/debug"

// version is set at link time with -ldflags "-X .../buildinfo.version=v1.2.3";
// without it the module version or VCS revision recorded by the Go toolchain is used.
var version = ""

// Version returns the release version, or the VCS revision for development builds.
func Version() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "devel-" + s.Value[:12]
		}
	}
	return "devel"
}
