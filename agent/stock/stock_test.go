//go:build unix

package stock

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prophasis/prophasis/agent/archive"
	"github.com/prophasis/prophasis/agent/runner"
)

// runStock extracts a packed stock plugin, as an agent would, and runs its
// entry point with the given environment.
func runStock(t *testing.T, id string, env ...string) (value *float64, message string) {
	t.Helper()
	b, err := Get(id)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := archive.Extract(bytes.NewReader(b.Archive), dir, archive.DefaultLimits); err != nil {
		t.Fatal(err)
	}
	out, err := runner.Run(context.Background(), runner.Spec{
		Path: filepath.Join(dir, b.Manifest.Entry), Dir: dir, Env: env, Timeout: 10 * time.Second, MaxOutput: 64 << 10,
	})
	if err != nil || out.ExitCode != 0 {
		t.Fatalf("run %s: %v exit %d stderr %s", id, err, out.ExitCode, out.Stderr)
	}
	var res struct {
		Value   *float64 `json:"value"`
		Message string   `json:"message"`
	}
	if err := json.Unmarshal(out.Stdout, &res); err != nil {
		t.Fatalf("%s printed invalid JSON %q: %v", id, out.Stdout, err)
	}
	return res.Value, res.Message
}

func fixture(name string) string {
	p, _ := filepath.Abs(filepath.Join("testdata", name))
	return p
}

func TestStockPluginsOverCapturedOutputs(t *testing.T) {
	null := -1.0
	tests := []struct {
		name, id string
		env      []string
		value    float64 // -1: null
		message  string
	}{
		{"cpu", "com.prophasis.cpu_load", []string{"PROPHASIS_LOADAVG=" + fixture("loadavg"), "PROPHASIS_NCPU=4"}, 13, "load 0.52 0.40 0.33 on 4 cores"},
		{"memory", "com.prophasis.memory", []string{"PROPHASIS_MEMINFO=" + fixture("meminfo")}, 75, "5895 of 7860 MiB used"},
		{"memory old kernel", "com.prophasis.memory", []string{"PROPHASIS_MEMINFO=" + fixture("meminfo-old-kernel")}, 50, "500 of 1000 MiB used"},
		{"memory freebsd", "com.prophasis.memory", []string{"PROPHASIS_SYSCTL_MEM=" + fixture("sysctl-mem-freebsd")}, 43.25, "7031 of 16256 MiB used"},
		{"disk", "com.prophasis.disk", []string{"PROPHASIS_ARG_MOUNT=/srv/backup volume", "PROPHASIS_DF_OUTPUT=" + fixture("df-var")}, 86.01, "/srv/backup volume: 40.0 of 46.4 GiB used"},
		{"disk missing mount", "com.prophasis.disk", []string{"PROPHASIS_ARG_MOUNT=/no/such \"mount\""}, null, `df failed for /no/such "mount"`},
		{"heartbeat", "com.prophasis.heartbeat", nil, 1, "alive"},
		{"process running", "com.prophasis.process", []string{"PROPHASIS_ARG_NAME=nginx", "PROPHASIS_PS_OUTPUT=" + fixture("ps")}, 3, "3 processes named nginx"},
		{"process long name", "com.prophasis.process", []string{"PROPHASIS_ARG_NAME=a-very-long-process-name", "PROPHASIS_PS_OUTPUT=" + fixture("ps")}, 1, "1 process named"},
		{"process absent", "com.prophasis.process", []string{`PROPHASIS_ARG_NAME=my"d\`, "PROPHASIS_PS_OUTPUT=" + fixture("ps")}, 0, `0 processes named my"d\`},
		{"mdraid healthy", "com.prophasis.mdraid", []string{"PROPHASIS_MDSTAT=" + fixture("mdstat-healthy")}, 0, "md1 raid1 [UU] ok; md0 raid1 [UU] ok"},
		{"mdraid recovering", "com.prophasis.mdraid", []string{"PROPHASIS_MDSTAT=" + fixture("mdstat-recovering")}, 1, "md2 raid5 [UUU_] degraded, recovery 12.6%; md0 raid1 [UU] ok"},
		{"mdraid failed", "com.prophasis.mdraid", []string{"PROPHASIS_MDSTAT=" + fixture("mdstat-failed")}, 2, "md0 raid1 [U_] degraded, 1 failed device; md127 inactive  degraded"},
		{"mdraid check", "com.prophasis.mdraid", []string{"PROPHASIS_MDSTAT=" + fixture("mdstat-check")}, 0, "md0 raid1 [UU] ok, check 47.3%"},
		{"zpool healthy", "com.prophasis.zpool", []string{"PROPHASIS_ZPOOL_STATUS=" + fixture("zpool-healthy")}, 0, "tank ONLINE; rpool ONLINE"},
		{"zpool degraded", "com.prophasis.zpool", []string{"PROPHASIS_ZPOOL_STATUS=" + fixture("zpool-degraded")}, 2, "tank DEGRADED; backup ONLINE (1 data errors, use '-v' for a list)"},
		{"zpool none", "com.prophasis.zpool", []string{"PROPHASIS_ZPOOL_STATUS=" + fixture("zpool-none")}, 0, "no pools available"},
		{"smart passed", "com.prophasis.smart", []string{"PROPHASIS_ARG_DEVICE=/dev/sda", "PROPHASIS_SMARTCTL_OUTPUT=" + fixture("smart-ata-passed")}, 1, "/dev/sda: PASSED"},
		{"smart failed", "com.prophasis.smart", []string{"PROPHASIS_ARG_DEVICE=/dev/sdb", "PROPHASIS_SMARTCTL_OUTPUT=" + fixture("smart-ata-failed"), "PROPHASIS_SMARTCTL_STATUS=8"}, 0, "/dev/sdb: FAILED!"},
		{"smart sas", "com.prophasis.smart", []string{"PROPHASIS_ARG_DEVICE=/dev/sdc", "PROPHASIS_ARG_TYPE=scsi", "PROPHASIS_SMARTCTL_OUTPUT=" + fixture("smart-sas-ok")}, 1, "/dev/sdc: OK"},
		{"smart megaraid", "com.prophasis.smart", []string{"PROPHASIS_ARG_DEVICE=/dev/bus/0", "PROPHASIS_ARG_TYPE=megaraid,5", "PROPHASIS_SMARTCTL_OUTPUT=" + fixture("smart-megaraid-passed")}, 1, "/dev/bus/0: PASSED"},
		{"smart no device", "com.prophasis.smart", []string{"PROPHASIS_ARG_DEVICE=/dev/sdz", "PROPHASIS_SMARTCTL_OUTPUT=" + fixture("smart-no-device"), "PROPHASIS_SMARTCTL_STATUS=2"}, null, "Smartctl open device: /dev/sdz failed"},
		{"smart option injection", "com.prophasis.smart", []string{"PROPHASIS_ARG_DEVICE=--scan"}, null, "must be a path under /dev"},
		{"smart bad type", "com.prophasis.smart", []string{"PROPHASIS_ARG_DEVICE=/dev/sda", "PROPHASIS_ARG_TYPE=sat;reboot"}, null, "not a smartctl -d type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, msg := runStock(t, tt.id, tt.env...)
			if tt.value == null {
				if v != nil {
					t.Fatalf("value %v, want null (%s)", *v, msg)
				}
			} else if v == nil || *v != tt.value {
				t.Fatalf("value %v, want %v (%s)", v, tt.value, msg)
			}
			if !strings.Contains(msg, tt.message) {
				t.Fatalf("message %q lacks %q", msg, tt.message)
			}
		})
	}
}

func TestEveryStockPluginPacksWithItsClassifier(t *testing.T) {
	all, err := All()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 8 {
		t.Fatalf("%d stock plugins", len(all))
	}
	for _, b := range all {
		if !strings.Contains(b.Classifier, "return") || b.Manifest.Protocol != "json" {
			t.Errorf("%s: classifier or protocol wrong", b.Manifest.ID)
		}
		again, _ := Get(b.Manifest.ID)
		if again.SHA256 != b.SHA256 {
			t.Errorf("%s: packing is not deterministic", b.Manifest.ID)
		}
	}
	if _, err := Get("../agent"); err == nil {
		t.Fatal("Get accepted a path")
	}
	if _, err := os.Stat("testdata"); err != nil {
		t.Fatal(err)
	}
}
