package browsertest

import (
	"os"
	"path/filepath"
	"regexp"

	"github.com/chromedp/chromedp"
)

// ArtifactsDir is where screenshots go: $PROPHASIS_ARTIFACTS, or
// "artifacts" at the module root (git-ignored), so CI can collect them.
func ArtifactsDir() string {
	if d := os.Getenv("PROPHASIS_ARTIFACTS"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return "artifacts"
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(d, "artifacts")
		}
		if filepath.Dir(d) == d {
			return filepath.Join(dir, "artifacts")
		}
	}
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// Screenshot saves a full-page PNG as <test name>-<name>.png in
// ArtifactsDir and returns its path ("" if it could not be saved; a
// missing screenshot is logged, never a test failure).
func (p *Page) Screenshot(name string) string {
	var png []byte
	if err := p.Try(chromedp.FullScreenshot(&png, 100)); err != nil {
		p.t.Logf("screenshot %s: %v", name, err)
		return ""
	}
	dir := ArtifactsDir()
	path := filepath.Join(dir, unsafeName.ReplaceAllString(p.name+"-"+name, "_")+".png")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		p.t.Logf("screenshot %s: %v", name, err)
		return ""
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Logf("screenshot %s: %v", name, err)
		return ""
	}
	return path
}
