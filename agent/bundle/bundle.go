// Package bundle ties a plugin's manifest to its archive: it builds a
// validated .tar.gz from a directory (prophasis plugin pack, the stock
// plugins) and reads the manifest and default classifier back out of an
// uploaded archive without extracting it (the core's plugin upload).
package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"

	"github.com/prophasis/prophasis/agent/archive"
	"github.com/prophasis/prophasis/agent/manifest"
)

// Bundle is one packed plugin version.
type Bundle struct {
	Manifest *manifest.Manifest
	// Archive is the .tar.gz as pushed to agents.
	Archive []byte
	// SHA256 is the hex digest of Archive; agents and the core compare
	// plugins by it, so any change, including a downgrade, is noticed.
	SHA256 string
	// Classifier is the source of the default Lua classifier.
	Classifier string
}

// MaxClassifier bounds the default classifier read from an archive.
const MaxClassifier = 256 << 10

// Build validates the plugin tree in fsys (manifest, entry point, classifier)
// and packs it. The entry point is made executable in the archive.
func Build(fsys fs.FS) (Bundle, error) {
	raw, err := fs.ReadFile(fsys, manifest.FileName)
	if err != nil {
		return Bundle{}, fmt.Errorf("bundle: %w", err)
	}
	m, err := manifest.Parse(raw)
	if err != nil {
		return Bundle{}, err
	}
	if err := regular(fsys, m.Entry, "entry"); err != nil {
		return Bundle{}, err
	}
	if err := regular(fsys, m.Classifier, "classifier"); err != nil {
		return Bundle{}, err
	}
	classifier, err := fs.ReadFile(fsys, m.Classifier)
	if err != nil {
		return Bundle{}, fmt.Errorf("bundle: %w", err)
	}
	if len(classifier) > MaxClassifier {
		return Bundle{}, &manifest.FieldError{Field: "classifier", Reason: fmt.Sprintf("file larger than %d bytes", MaxClassifier)}
	}
	data, err := archive.Pack(fsys, func(name string) bool { return name == m.Entry })
	if err != nil {
		return Bundle{}, fmt.Errorf("bundle: %w", err)
	}
	return Bundle{Manifest: m, Archive: data, SHA256: Digest(data), Classifier: string(classifier)}, nil
}

// Digest is the hex SHA-256 of an archive, the plugin's identity on the wire.
func Digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func regular(fsys fs.FS, name, field string) error {
	st, err := fs.Stat(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return &manifest.FieldError{Field: field, Reason: fmt.Sprintf("file %q is not in the plugin", name)}
	}
	if err != nil {
		return fmt.Errorf("bundle: %w", err)
	}
	if !st.Mode().IsRegular() {
		return &manifest.FieldError{Field: field, Reason: fmt.Sprintf("%q is not a regular file", name)}
	}
	return nil
}
