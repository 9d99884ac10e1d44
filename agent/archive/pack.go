package archive

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"time"
)

// packTime is the modification time of every packed entry, so packing the
// same tree twice gives the same bytes and the same sha256 (the core and the
// agent compare plugins by sha256).
var packTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Pack writes the tree in fsys as a deterministic .tar.gz: entries in lexical
// order, fixed times and owners, mode 0755 for files that are executable in
// fsys or for which executable returns true (embed.FS has no exec bits),
// 0644 otherwise. Only regular files and directories are packed.
func Pack(fsys fs.FS, executable func(name string) bool) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || name == "." {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		hdr := &tar.Header{Name: name, ModTime: packTime, Format: tar.FormatPAX}
		switch {
		case d.IsDir():
			hdr.Typeflag, hdr.Name, hdr.Mode = tar.TypeDir, name+"/", 0o755
			return tw.WriteHeader(hdr)
		case !info.Mode().IsRegular():
			return fmt.Errorf("archive: %s: only regular files and directories can be packed", name)
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		hdr.Typeflag, hdr.Size, hdr.Mode = tar.TypeReg, int64(len(data)), 0o644
		if info.Mode()&0o111 != 0 || (executable != nil && executable(name)) {
			hdr.Mode = 0o755
		}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		_, err = tw.Write(data)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("archive: pack: %w", err)
	}
	if err := tw.Close(); err != nil {
		return nil, fmt.Errorf("archive: pack: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("archive: pack: %w", err)
	}
	return buf.Bytes(), nil
}
