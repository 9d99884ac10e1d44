package agent

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoadConfig(t *testing.T) {
	hash := strings.Repeat("ab", 32)
	tests := []struct {
		name, file, body, wantErr string
	}{
		{"yaml", "agent.yaml", "listen: 127.0.0.1:4048\nauth_key_sha256: " + hash + "\ndefault_timeout: 5s\n", ""},
		{"json", "agent.json", `{"listen": ":4048", "auth_key_sha256": "` + hash + `", "default_timeout": "5s"}`, ""},
		{"unknown yaml key", "agent.yaml", "auth_key_sha256: " + hash + "\nlisten_adress: x\n", "listen_adress"},
		{"unknown json key", "agent.json", `{"auth_key_sha256": "` + hash + `", "key": "plain"}`, "unknown field"},
		{"no key hash", "agent.yaml", "listen: :4048\n", "auth_key_sha256"},
		{"bad duration", "agent.yaml", "auth_key_sha256: " + hash + "\ndefault_timeout: soon\n", "soon"},
		{"timeout above max", "agent.yaml", "auth_key_sha256: " + hash + "\ndefault_timeout: 1h\nmax_timeout: 1m\n", "max_timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tt.file)
			os.WriteFile(path, []byte(tt.body), 0o600)
			cfg, err := LoadConfig(path)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("want error containing %q, got %v", tt.wantErr, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.PluginDir != filepath.Join(dir, "plugins") || time.Duration(cfg.DefaultTimeout) != 5*time.Second || cfg.MaxConcurrentRuns != 4 {
				t.Fatalf("config %+v", cfg)
			}
		})
	}
}
