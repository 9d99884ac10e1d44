package channels

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/secretbox"
	"github.com/prophasis/prophasis/internal/storage"
)

func testBox(t *testing.T) *secretbox.Box {
	t.Helper()
	b, err := secretbox.New(bytes.Repeat([]byte{7}, 32), SecretPurpose)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSplitThenBuild(t *testing.T) {
	box := testBox(t)
	tests := []struct {
		kind string
		all  map[string]any
	}{
		{"email", map[string]any{"host": "smtp.example.com", "port": 587, "security": "starttls", "username": "u",
			"password": "hunter2", "from": "a@example.com", "to": []string{"b@example.com"}}},
		{"webhook", map[string]any{"url": "https://hooks.example.com/hunter2", "secret": "hunter2"}},
		{"slack", map[string]any{"url": "https://hooks.slack.com/services/hunter2"}},
		{"teams", map[string]any{"url": "https://prod.example.com/workflows/hunter2"}},
		{"ntfy", map[string]any{"url": "https://ntfy.sh/hunter2", "token": "hunter2"}},
		{"script", map[string]any{"path": "/usr/local/bin/page", "args": []string{"-x"}, "timeout_seconds": 5}},
	}
	deps := Deps{Client: http.DefaultClient, Box: box, Now: time.Now}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			settings, sealed, err := Split(box, tt.kind, tt.all)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(settings), "hunter2") || bytes.Contains(sealed, []byte("hunter2")) {
				t.Fatalf("secret stored in the clear: %s", settings)
			}
			n, err := deps.Build(storage.NotifierRow{Name: "x", Kind: tt.kind, Settings: settings, Secrets: sealed})
			if err != nil || n == nil {
				t.Fatalf("Build = %v, %v", n, err)
			}
		})
	}
}

func TestBuildRejects(t *testing.T) {
	box := testBox(t)
	other, _ := secretbox.New(bytes.Repeat([]byte{8}, 32), SecretPurpose)
	good, sealed, _ := Split(box, "slack", map[string]any{"url": "https://h/x"})
	_, wrongKey, _ := Split(other, "slack", map[string]any{"url": "https://h/x"})
	typo, _ := json.Marshal(map[string]any{"urll": "https://h/x"})
	tests := []struct {
		name string
		deps Deps
		row  storage.NotifierRow
	}{
		{"unknown kind", Deps{Box: box}, storage.NotifierRow{Kind: "pager", Settings: good}},
		{"misspelt setting", Deps{Box: box}, storage.NotifierRow{Kind: "slack", Settings: typo, Secrets: sealed}},
		{"sealed with another server secret", Deps{Box: box}, storage.NotifierRow{Kind: "slack", Settings: good, Secrets: wrongKey}},
		{"secrets without a box", Deps{}, storage.NotifierRow{Kind: "slack", Settings: good, Secrets: sealed}},
		{"missing url", Deps{Box: box}, storage.NotifierRow{Kind: "slack", Settings: good}},
		{"relative script", Deps{}, storage.NotifierRow{Kind: "script", Settings: []byte(`{"path":"page"}`)}},
		{"settings not an object", Deps{}, storage.NotifierRow{Kind: "script", Settings: []byte(`[1]`)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if n, err := tt.deps.Build(tt.row); err == nil {
				t.Fatalf("built %T", n)
			}
		})
	}
}
