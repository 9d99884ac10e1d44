package core

import (
	"log/slog"
	"os"
	"runtime/debug"
	"testing"
)

func TestMemoryLimit(t *testing.T) {
	const mb = 1 << 20
	tests := []struct {
		name       string
		configured int64
		env        string
		container  int64
		want       int64
		source     string
	}{
		{"GOMEMLIMIT wins over everything", 300 * mb, "200MiB", 1000 * mb, 0, "GOMEMLIMIT"},
		{"configured", 300 * mb, "", 1000 * mb, 300 * mb, "configuration"},
		{"configured off", -1, "", 1000 * mb, 0, "none"},
		{"container share", 0, "", 1000 * mb, 900 * mb, "container limit"},
		{"nothing", 0, "", 0, 0, "none"},
	}
	for _, tt := range tests {
		got, source := memoryLimit(tt.configured, tt.env, tt.container)
		if got != tt.want || source != tt.source {
			t.Errorf("%s: %d (%s), want %d (%s)", tt.name, got, source, tt.want, tt.source)
		}
	}
}

func TestParseCgroupLimit(t *testing.T) {
	tests := []struct {
		name, in string
		want     int64
	}{
		{"v2 unlimited", "max\n", 0},
		{"v2 limit", "536870912\n", 512 << 20},
		{"v1 unlimited", "9223372036854771712\n", 0},
		{"garbage", "lots", 0},
		{"zero", "0", 0},
	}
	for _, tt := range tests {
		if got := parseCgroupLimit(tt.in); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestApplyMemoryLimitRestores(t *testing.T) {
	if os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOMEMLIMIT is set: the runtime's limit is the user's")
	}
	before := debug.SetMemoryLimit(-1)
	c := &Core{cfg: Config{MemoryLimit: 123 << 20}, logger: slog.New(slog.DiscardHandler)}
	restore := c.applyMemoryLimit()
	if got := debug.SetMemoryLimit(-1); got != 123<<20 {
		t.Errorf("limit while running %d, want %d", got, 123<<20)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after %d, want the previous %d", got, before)
	}
}
