package agent_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"testing"
)

// evilArchive holds a valid-looking manifest and an entry escaping the root.
func evilArchive(t *testing.T) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, f := range []struct{ name, body string }{
		{"manifest.json", `{}`},
		{"../../../../tmp/prophasis-evil", "owned"},
	} {
		if err := tw.WriteHeader(&tar.Header{Name: f.name, Mode: 0o644, Size: int64(len(f.body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(f.body))
	}
	tw.Close()
	zw.Close()
	return buf.Bytes()
}
