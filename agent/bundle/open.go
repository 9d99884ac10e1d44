package bundle

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"path"

	"github.com/prophasis/prophasis/agent/manifest"
)

// Open reads an uploaded archive in memory: it finds the manifest and the
// classifier, validates the manifest and checks the entry point is present,
// without writing anything to disk. Decompression stops at maxBytes so an
// upload cannot expand without limit.
func Open(data []byte, maxBytes int64) (Bundle, error) {
	files, err := scan(data, maxBytes)
	if err != nil {
		return Bundle{}, err
	}
	raw, ok := files[manifest.FileName]
	if !ok {
		return Bundle{}, fmt.Errorf("bundle: archive has no %s at its root", manifest.FileName)
	}
	m, err := manifest.Parse(raw)
	if err != nil {
		return Bundle{}, err
	}
	if _, ok := files[m.Entry]; !ok {
		return Bundle{}, &manifest.FieldError{Field: "entry", Reason: fmt.Sprintf("file %q is not in the archive", m.Entry)}
	}
	classifier, ok := files[m.Classifier]
	if !ok {
		return Bundle{}, &manifest.FieldError{Field: "classifier", Reason: fmt.Sprintf("file %q is not in the archive", m.Classifier)}
	}
	if len(classifier) > MaxClassifier {
		return Bundle{}, &manifest.FieldError{Field: "classifier", Reason: fmt.Sprintf("file larger than %d bytes", MaxClassifier)}
	}
	return Bundle{Manifest: m, Archive: data, SHA256: Digest(data), Classifier: string(classifier)}, nil
}

// scan returns the regular files of a tar.gz keyed by clean path; only the
// manifest and .lua files keep their content, the others map to nil.
func scan(data []byte, maxBytes int64) (map[string][]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("bundle: gzip: %w", err)
	}
	tr := tar.NewReader(io.LimitReader(zr, maxBytes))
	files := map[string][]byte{}
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return files, nil
		}
		if err != nil {
			return nil, fmt.Errorf("bundle: read archive: %w", err)
		}
		if hdr.Typeflag != tar.TypeReg {
			continue
		}
		name := path.Clean(hdr.Name)
		files[name] = nil
		if name == manifest.FileName || path.Ext(name) == ".lua" {
			b, err := io.ReadAll(io.LimitReader(tr, MaxClassifier+1))
			if err != nil {
				return nil, fmt.Errorf("bundle: read %s: %w", name, err)
			}
			files[name] = b
		}
	}
}
