// Package archive reads and writes plugin archives (.tar.gz). Extraction
// treats the archive as hostile: every path goes through filepath.IsLocal and
// an os.Root, so nothing can be written outside the target directory, and
// size and entry caps stop decompression bombs.
package archive

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// Limits caps what one archive may expand to.
type Limits struct {
	// MaxBytes is the total size of all extracted files.
	MaxBytes int64
	// MaxEntries is the number of headers (files, directories, links).
	MaxEntries int
}

// DefaultLimits fit any sensible plugin (a script, a static binary, a Lua
// classifier) with room to spare.
var DefaultLimits = Limits{MaxBytes: 128 << 20, MaxEntries: 2000}

// ErrUnsafe marks an archive rejected for what it contains rather than for
// being unreadable; the agent answers it with 422.
var ErrUnsafe = errors.New("unsafe archive")

// Extract unpacks a gzip-compressed tar stream into dir, which must exist and
// should be empty. Regular files, directories and links that stay inside dir
// are allowed; absolute or escaping paths, devices, FIFOs and unknown entry
// types are rejected; setuid, setgid and sticky bits are dropped. On error,
// dir may hold a partial tree: callers extract into a fresh directory and
// remove it on failure.
func Extract(r io.Reader, dir string, lim Limits) error {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return fmt.Errorf("archive: gzip: %w", err)
	}
	defer zr.Close()
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	defer root.Close()
	x := extractor{root: root, tr: tar.NewReader(zr), lim: lim}
	return x.run()
}

type extractor struct {
	root    *os.Root
	tr      *tar.Reader
	lim     Limits
	written int64
}

func (x *extractor) run() error {
	for n := 0; ; n++ {
		hdr, err := x.tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("archive: read: %w", err)
		}
		if n >= x.lim.MaxEntries {
			return fmt.Errorf("archive: more than %d entries: %w", x.lim.MaxEntries, ErrUnsafe)
		}
		if err := x.entry(hdr); err != nil {
			return fmt.Errorf("archive: %q: %w", hdr.Name, err)
		}
	}
}

func (x *extractor) entry(hdr *tar.Header) error {
	name, err := localName(hdr.Name)
	if err != nil {
		return err
	}
	mode := fs.FileMode(hdr.Mode).Perm()
	switch hdr.Typeflag {
	case tar.TypeDir:
		return x.root.MkdirAll(name, mode|0o700)
	case tar.TypeReg:
		return x.file(name, mode|0o400, hdr.Size)
	case tar.TypeSymlink:
		target := filepath.FromSlash(hdr.Linkname)
		if filepath.IsAbs(target) || !filepath.IsLocal(filepath.Join(filepath.Dir(name), target)) {
			return fmt.Errorf("symlink to %q leaves the plugin: %w", hdr.Linkname, ErrUnsafe)
		}
		return x.withParent(name, func() error { return x.root.Symlink(target, name) })
	case tar.TypeLink:
		target, err := localName(hdr.Linkname)
		if err != nil {
			return fmt.Errorf("hard link: %w", err)
		}
		return x.withParent(name, func() error { return x.root.Link(target, name) })
	default:
		return fmt.Errorf("entry type %q (device, FIFO or unknown) not allowed: %w", hdr.Typeflag, ErrUnsafe)
	}
}

func (x *extractor) file(name string, mode fs.FileMode, size int64) error {
	// Compare with the remaining budget: written+size could overflow for a
	// header (e.g. a sparse file) claiming a size near MaxInt64.
	if size < 0 || size > x.lim.MaxBytes-x.written {
		return fmt.Errorf("archive expands beyond %d bytes: %w", x.lim.MaxBytes, ErrUnsafe)
	}
	return x.withParent(name, func() error {
		f, err := x.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
		if err != nil {
			return err
		}
		n, err := io.Copy(f, io.LimitReader(x.tr, size))
		x.written += n
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil && n != size {
			err = io.ErrUnexpectedEOF
		}
		return err
	})
}

// withParent creates the entry's parent directories first: archives need not
// list directories before their files.
func (x *extractor) withParent(name string, create func() error) error {
	if dir := filepath.Dir(name); dir != "." {
		if err := x.root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return create()
}

// localName turns a tar path into a local relative path or rejects it.
func localName(name string) (string, error) {
	clean := path.Clean(name)
	p := filepath.FromSlash(clean)
	if path.IsAbs(name) || !filepath.IsLocal(p) {
		return "", fmt.Errorf("path %q leaves the plugin: %w", name, ErrUnsafe)
	}
	return p, nil
}
