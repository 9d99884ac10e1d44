//go:build unix

package agent_test

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prophasis/prophasis/agent/bundle"
	"github.com/prophasis/prophasis/agent/client"
	"github.com/prophasis/prophasis/agent/manifest"
)

// pluginsDir is where Debian's monitoring-plugins package installs checks.
const pluginsDir = "/usr/lib/nagios/plugins"

func wrapped(t *testing.T, check, id string, fixed []string, args []manifest.Argument) client.ArchiveSource {
	t.Helper()
	b, err := bundle.Wrap(bundle.NagiosWrap{
		Command:   pluginsDir + "/" + check,
		FixedArgs: fixed,
		Manifest:  manifest.Manifest{ID: id, Name: check, Version: "1.0.0", History: 1, Arguments: args},
	})
	if err != nil {
		t.Fatal(err)
	}
	return client.Bytes(b.Archive)
}

func TestMonitoringPluginsInNagiosMode(t *testing.T) {
	if _, err := os.Stat(pluginsDir + "/check_dummy"); err != nil {
		t.Skip("monitoring-plugins not installed (apt-get install monitoring-plugins-basic)")
	}
	host := startAgent(t)
	c := client.New(client.Options{})
	tests := []struct {
		name, check string
		fixed       []string
		args        map[string]string
		state       string
		labels      []string
		text        string
	}{
		{"check_load", "check_load", []string{"-w", "1000,1000,1000", "-c", "2000,2000,2000"}, nil, "ok", []string{"load1", "load5", "load15"}, "LOAD OK"},
		{"check_disk", "check_disk", []string{"-w", "0%", "-c", "0%"}, map[string]string{"path": "/"}, "ok", []string{"/"}, "DISK OK"},
		{"check_procs", "check_procs", []string{"-w", "1000000"}, nil, "ok", []string{"procs"}, "PROCS OK"},
		{"check_procs critical", "check_procs", []string{"-c", "0:0"}, nil, "critical", []string{"procs"}, "PROCS CRITICAL"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var args []manifest.Argument
			if tt.args != nil {
				args = []manifest.Argument{{Name: "path", Flag: "-p"}}
			}
			id := "com.example.nagios" + strconv.Itoa(i)
			res := c.Run(runCtx(t, 20*time.Second), host, id, wrapped(t, tt.check, id, tt.fixed, args), tt.args)
			if res.Status != client.StatusOK || res.PluginState != tt.state || !strings.HasPrefix(res.Message, tt.text) {
				t.Fatalf("got %+v", res)
			}
			if len(res.Perfdata) != len(tt.labels) || res.Value == nil || *res.Value != *res.Perfdata[0].Value {
				t.Fatalf("perfdata %+v value %v", res.Perfdata, res.Value)
			}
			for i, l := range tt.labels {
				if res.Perfdata[i].Label != l {
					t.Errorf("label %d = %q, want %q", i, res.Perfdata[i].Label, l)
				}
			}
		})
	}
	for code, state := range []string{"ok", "warning", "critical", "unknown"} {
		id := "com.example.dummy"
		src := wrapped(t, "check_dummy", id, nil, []manifest.Argument{{Name: "code", Positional: true}, {Name: "text", Positional: true}})
		res := c.Run(runCtx(t, 10*time.Second), host, id, src, map[string]string{"code": strconv.Itoa(code), "text": "it's " + state})
		if res.Status != client.StatusOK || res.PluginState != state || res.ExitCode != code || !strings.HasSuffix(res.Message, "it's "+state) || res.Value != nil {
			t.Fatalf("check_dummy %d: %+v", code, res)
		}
	}
}
