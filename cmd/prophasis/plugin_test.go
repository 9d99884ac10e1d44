package main

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/agent/bundle"
	"github.com/prophasis/prophasis/agent/manifest"
)

func runCLI(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	root := newRootCmd(slog.New(slog.DiscardHandler))
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetArgs(args)
	err := root.Execute()
	return out.String(), err
}

func TestPluginPackAndInspect(t *testing.T) {
	out := filepath.Join(t.TempDir(), "hb.tar.gz")
	if _, err := runCLI(t, "plugin", "pack", "../../agent/stock/com.prophasis.heartbeat", "-o", out); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	b, err := bundle.Open(data, 1<<20)
	if err != nil || b.Manifest.ID != "com.prophasis.heartbeat" {
		t.Fatalf("packed archive: %v", err)
	}
	text, err := runCLI(t, "plugin", "inspect", out)
	if err != nil || !strings.Contains(text, "sha256:   "+b.SHA256) {
		t.Fatalf("inspect: %v\n%s", err, text)
	}
}

func TestPluginPackReportsFieldErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(`{"id":"Bad Id","name":"x","version":"1.1","entry":"run.sh",
		"protocol":"json","classifier":"c.lua","history":1,"view":{"kind":"line"}}`), 0o644)
	_, err := runCLI(t, "plugin", "pack", dir, "-o", filepath.Join(dir, "x.tar.gz"))
	if err == nil {
		t.Fatal("invalid manifest packed")
	}
	for _, want := range []string{"manifest: id:", "manifest: version:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestPluginWrapNagios(t *testing.T) {
	out := filepath.Join(t.TempDir(), "disk.tar.gz")
	_, err := runCLI(t, "plugin", "wrap-nagios", "check_disk", "--id", "com.example.check_disk",
		"--arg", "path=-p:/", "--arg", "warning=-w:10:20", "-o", out, "--", "-e")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(out)
	b, err := bundle.Open(data, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	m := b.Manifest
	if m.Protocol != manifest.ProtocolNagios || len(m.Arguments) != 2 || m.Arguments[1].Default != "10:20" {
		t.Fatalf("manifest %+v", m)
	}
	argv, _, _ := m.Invocation(map[string]string{"path": "/var"})
	if strings.Join(argv, " ") != "-p /var -w 10:20" {
		t.Fatalf("argv %q", argv)
	}
}

func TestParseArgSpec(t *testing.T) {
	tests := []struct {
		spec string
		want manifest.Argument
		err  bool
	}{
		{"mount", manifest.Argument{Name: "mount"}, false},
		{"host=-H", manifest.Argument{Name: "host", Flag: "-H"}, false},
		{"warning=-w:~:10", manifest.Argument{Name: "warning", Flag: "-w", Default: "~:10"}, false},
		{"code=_:0", manifest.Argument{Name: "code", Positional: true, Default: "0"}, false},
		{"=x", manifest.Argument{}, true},
		{"x=", manifest.Argument{}, true},
	}
	for _, tt := range tests {
		got, err := parseArgSpec(tt.spec)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("%q: got %+v, %v", tt.spec, got, err)
		}
	}
}
