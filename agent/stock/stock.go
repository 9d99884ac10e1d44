// Package stock holds the plugins shipped with Prophasis (CPU load, memory,
// disk, heartbeat, process, MD RAID, ZFS, SMART), embedded in the binary so
// the core can pack them and push them to agents like any uploaded plugin.
// Their entry points are POSIX sh scripts: they run on the monitored hosts,
// which need nothing installed besides the agent.
package stock

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"

	"github.com/prophasis/prophasis/agent/bundle"
)

//go:embed com.prophasis.*
var files embed.FS

// IDs lists the stock plugin ids, sorted.
func IDs() []string {
	entries, _ := fs.ReadDir(files, ".") // embedded: cannot fail
	ids := make([]string, 0, len(entries))
	for _, e := range entries {
		ids = append(ids, e.Name())
	}
	sort.Strings(ids)
	return ids
}

// Get packs one stock plugin. Packing is deterministic, so the sha256 only
// changes when the plugin's files do.
func Get(id string) (bundle.Bundle, error) {
	sub, err := fs.Sub(files, id)
	if err != nil {
		return bundle.Bundle{}, fmt.Errorf("stock: %w", err)
	}
	if _, err := fs.Stat(sub, "manifest.json"); err != nil {
		return bundle.Bundle{}, fmt.Errorf("stock: no plugin %q", id)
	}
	b, err := bundle.Build(sub)
	if err != nil {
		return bundle.Bundle{}, fmt.Errorf("stock: %s: %w", id, err)
	}
	return b, nil
}

// All packs every stock plugin, in IDs order.
func All() ([]bundle.Bundle, error) {
	var out []bundle.Bundle
	for _, id := range IDs() {
		b, err := Get(id)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}
