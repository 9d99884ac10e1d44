// Package static serves the web app's CSS, JavaScript and vendored libraries
// from the binary. Every file gets a URL containing a hash of its content, so
// browsers may cache it forever and still see a new version after an upgrade;
// the app therefore works on networks with no internet access.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed css img js vendor
var files embed.FS

// Prefix is the URL path under which Handler is mounted.
const Prefix = "/static/"

// Assets maps embedded file names to content-hashed URLs and serves them.
// It is immutable after New, so one value is shared by every request.
type Assets struct {
	hashes  map[string]string // name -> short content hash
	content map[string][]byte
}

// New reads and hashes every embedded file once at start.
func New() (*Assets, error) {
	a := &Assets{hashes: map[string]string{}, content: map[string][]byte{}}
	err := fs.WalkDir(files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := files.ReadFile(name)
		if err != nil {
			return fmt.Errorf("static: read %s: %w", name, err)
		}
		sum := sha256.Sum256(b)
		a.hashes[name] = hex.EncodeToString(sum[:6])
		a.content[name] = b
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// URL returns the cache-busting URL of an embedded file, e.g.
// "/static/3fa2c1d0e9b7/vendor/htmx/htmx.min.js". It fails for unknown names
// so a typo in a template is caught when the template runs in tests.
func (a *Assets) URL(name string) (string, error) {
	h, ok := a.hashes[name]
	if !ok {
		return "", fmt.Errorf("static: no asset %q", name)
	}
	return Prefix + h + "/" + name, nil
}

// ServeHTTP serves "/static/<hash>/<name>". A current hash gets a one-year
// immutable cache lifetime; a stale hash (a page cached across an upgrade)
// still gets the file, but uncached, so the page keeps working.
func (a *Assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, Prefix)
	hash, name, ok2 := strings.Cut(rest, "/")
	b, found := a.content[name]
	if !ok || !ok2 || !found || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		http.NotFound(w, r)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if hash == a.hashes[name] {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(b)))
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodGet {
		_, _ = w.Write(b)
	}
}
