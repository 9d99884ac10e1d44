package docker

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// composeFile is the part of the compose file the deployment relies on.
type composeFile struct {
	Services map[string]struct {
		Image string `yaml:"image"`
		Build *struct {
			Context    string `yaml:"context"`
			Dockerfile string `yaml:"dockerfile"`
		} `yaml:"build"`
		Ports   []string `yaml:"ports"`
		Volumes []string `yaml:"volumes"`
	} `yaml:"services"`
	Volumes map[string]any `yaml:"volumes"`
}

func TestComposeFileShape(t *testing.T) {
	raw, err := os.ReadFile("compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var c composeFile
	if err := yaml.Unmarshal(raw, &c); err != nil {
		t.Fatalf("compose.yaml: %v", err)
	}
	db := c.Services["db"]
	if !regexp.MustCompile(`^timescale/timescaledb:\d+\.\d+\.\d+-pg\d+$`).MatchString(db.Image) {
		t.Errorf("db image %q: want the official TimescaleDB image pinned to a version", db.Image)
	}
	if len(db.Volumes) == 0 || !strings.HasSuffix(db.Volumes[0], ":/var/lib/postgresql/data") {
		t.Errorf("db volumes %v: the data directory must be a volume", db.Volumes)
	}
	if s := c.Services["server"]; len(s.Ports) != 1 || !strings.HasSuffix(s.Ports[0], ":8080") {
		t.Errorf("server ports %v: want the web on 8080", s.Ports)
	}
	if _, ok := c.Services["agent"]; !ok {
		t.Error("no example agent service")
	}
	for name, s := range c.Services {
		if s.Build == nil {
			continue
		}
		df, err := os.ReadFile(s.Build.Dockerfile[len("docker/"):])
		if err != nil {
			t.Fatalf("service %s: %v", name, err)
		}
		for _, want := range []string{"docker/build.sh", "HEALTHCHECK", `"healthcheck"`, "USER "} {
			if !strings.Contains(string(df), want) {
				t.Errorf("%s lacks %q", s.Build.Dockerfile, want)
			}
		}
	}
}

// TestComposeConfigValidates asks docker compose itself when it is
// installed; CI and dev machines here have no compose plugin.
func TestComposeConfigValidates(t *testing.T) {
	if err := exec.Command("docker", "compose", "version").Run(); err != nil {
		t.Skip("docker compose is not available here; compose.yaml is only checked by TestComposeFileShape")
	}
	secret := "secret"
	if _, err := os.Stat(secret); os.IsNotExist(err) {
		if err := os.WriteFile(secret, []byte("dGVzdA==\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(secret)
	}
	cmd := exec.Command("docker", "compose", "-f", "compose.yaml", "config", "--quiet")
	cmd.Env = append(os.Environ(), "POSTGRES_PASSWORD=test")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("docker compose config: %v\n%s", err, out)
	}
}
