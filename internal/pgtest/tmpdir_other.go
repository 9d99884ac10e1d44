//go:build !linux

package pgtest

import "os"

// clusterParent is the system temporary directory outside Linux.
func clusterParent() string { return os.TempDir() }
