package archive

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

type entry struct {
	name, link string
	typ        byte
	mode       int64
	body       string
	size       int64
}

func build(t testing.TB, entries ...entry) []byte {
	return gz(buildTar(t, entries...))
}

func gz(raw []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(raw)
	zw.Close()
	return buf.Bytes()
}

// buildTar writes an uncompressed tar, so the fuzzer mutates tar headers
// rather than gzip checksums.
func buildTar(t testing.TB, entries ...entry) []byte {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range entries {
		hdr := &tar.Header{Name: e.name, Linkname: e.link, Typeflag: e.typ, Mode: e.mode, Size: int64(len(e.body))}
		if e.typ == 0 {
			hdr.Typeflag = tar.TypeReg
		}
		if e.mode == 0 {
			hdr.Mode = 0o644
		}
		if e.size > 0 {
			hdr.Size = e.size
		}
		if hdr.Typeflag != tar.TypeReg {
			hdr.Size = 0
		}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		if e.size > 0 {
			chunk := make([]byte, 1<<20)
			for n := int64(0); n < e.size; n += int64(len(chunk)) {
				tw.Write(chunk)
			}
		} else {
			tw.Write([]byte(e.body))
		}
	}
	tw.Close()
	return buf.Bytes()
}

// extractIsolated extracts into a directory nested in a sandbox and fails if
// anything appears in the sandbox besides that directory.
func extractIsolated(t *testing.T, data []byte, lim Limits) (string, error) {
	sandbox := t.TempDir()
	dir := filepath.Join(sandbox, "plugin")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	err := Extract(bytes.NewReader(data), dir, lim)
	list, _ := os.ReadDir(sandbox)
	if len(list) != 1 {
		t.Fatalf("extraction wrote outside its directory: %v", list)
	}
	return dir, err
}

func TestExtractRejectsUnsafeArchives(t *testing.T) {
	tests := []struct {
		name    string
		entries []entry
	}{
		{"dot dot", []entry{{name: "../evil", body: "x"}}},
		{"nested dot dot", []entry{{name: "a/../../evil", body: "x"}}},
		{"absolute", []entry{{name: "/tmp/evil", body: "x"}}},
		{"symlink absolute", []entry{{name: "l", link: "/etc", typ: tar.TypeSymlink}, {name: "l/passwd", body: "x"}}},
		{"symlink up", []entry{{name: "d/l", link: "../../", typ: tar.TypeSymlink}, {name: "d/l/evil", body: "x"}}},
		{"hard link out", []entry{{name: "h", link: "../../etc/passwd", typ: tar.TypeLink}}},
		{"char device", []entry{{name: "null", typ: tar.TypeChar}}},
		{"block device", []entry{{name: "sda", typ: tar.TypeBlock}}},
		{"fifo", []entry{{name: "fifo", typ: tar.TypeFifo}}},
		{"gzip bomb", []entry{{name: "zeros", size: 3 << 20}}},
		{"bomb in pieces", []entry{{name: "a", size: 1 << 20}, {name: "b", size: 1 << 20}, {name: "c", size: 1 << 20}}},
	}
	// Small limits keep the test fast under -race; DefaultLimits only
	// changes the numbers.
	lim := Limits{MaxBytes: 2 << 20, MaxEntries: 100}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := extractIsolated(t, build(t, tt.entries...), lim)
			if !errors.Is(err, ErrUnsafe) {
				t.Fatalf("want ErrUnsafe, got %v", err)
			}
		})
	}
}

func TestExtractCapsEntries(t *testing.T) {
	var many []entry
	for i := range 20 {
		many = append(many, entry{name: "f" + string(rune('a'+i)), body: "x"})
	}
	if _, err := extractIsolated(t, build(t, many...), Limits{MaxBytes: 1 << 20, MaxEntries: 10}); !errors.Is(err, ErrUnsafe) {
		t.Fatalf("want ErrUnsafe, got %v", err)
	}
}

func TestExtractKeepsSafeTreeAndStripsSetuid(t *testing.T) {
	dir, err := extractIsolated(t, build(t,
		entry{name: "bin/check", body: "#!/bin/sh\n", mode: 0o4755},
		entry{name: "lib/", typ: tar.TypeDir, mode: 0o2755},
		entry{name: "lib/x.lua", body: "return 'ok'"},
		entry{name: "lib/link.lua", link: "x.lua", typ: tar.TypeSymlink},
		entry{name: "bin/hard", link: "bin/check", typ: tar.TypeLink},
	), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(dir, "bin/check"))
	if err != nil || st.Mode()&(os.ModeSetuid|os.ModeSetgid) != 0 || st.Mode().Perm() != 0o755 {
		t.Fatalf("mode %v err %v", st.Mode(), err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "lib/link.lua")); err != nil || string(b) != "return 'ok'" {
		t.Fatalf("symlink inside root: %q %v", b, err)
	}
}

func TestPackRoundTripIsDeterministic(t *testing.T) {
	fsys := fstest.MapFS{
		"manifest.json": {Data: []byte("{}")},
		"run.sh":        {Data: []byte("#!/bin/sh\necho '{}'\n")},
		"sub/c.lua":     {Data: []byte("return 'ok'")},
	}
	isEntry := func(name string) bool { return name == "run.sh" }
	a, err := Pack(fsys, isEntry)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Pack(fsys, isEntry)
	if !bytes.Equal(a, b) {
		t.Fatal("packing twice gave different bytes")
	}
	dir, err := extractIsolated(t, a, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(filepath.Join(dir, "run.sh")); err != nil || st.Mode().Perm() != 0o755 {
		t.Fatalf("entry not executable: %v %v", st, err)
	}
}

func FuzzExtract(f *testing.F) {
	f.Add(buildTar(f, entry{name: "a/b", body: "x"}, entry{name: "l", link: "a/b", typ: tar.TypeSymlink}))
	f.Add(buildTar(f, entry{name: "../x", body: "x"}))
	f.Add(buildTar(f, entry{name: "d/", typ: tar.TypeDir}, entry{name: "d/h", link: "d", typ: tar.TypeLink}))
	f.Add(buildTar(f, entry{name: "l", link: "..", typ: tar.TypeSymlink}, entry{name: "l/x", body: "x"}))
	f.Fuzz(func(t *testing.T, raw []byte) {
		data := gz(raw)
		sandbox, err := os.MkdirTemp("", "fuzz-extract-")
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(sandbox)
		dir := filepath.Join(sandbox, "plugin")
		os.Mkdir(dir, 0o755)
		Extract(bytes.NewReader(data), dir, Limits{MaxBytes: 1 << 20, MaxEntries: 50})
		if list, _ := os.ReadDir(sandbox); len(list) != 1 {
			t.Fatalf("wrote outside: %v", list)
		}
	})
}

// TestExtractRejectsSizeOverflow: a header claiming nearly MaxInt64 bytes
// after a small file must not wrap the size budget around.
func TestExtractRejectsSizeOverflow(t *testing.T) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	tw.WriteHeader(&tar.Header{Name: "a", Mode: 0o644, Size: 100, Typeflag: tar.TypeReg})
	tw.Write(make([]byte, 100))
	tw.WriteHeader(&tar.Header{Name: "b", Mode: 0o644, Size: math.MaxInt64 - 50, Typeflag: tar.TypeReg, Format: tar.FormatGNU})
	buf.Write(make([]byte, 4096))
	if _, err := extractIsolated(t, gz(buf.Bytes()), DefaultLimits); !errors.Is(err, ErrUnsafe) {
		t.Fatalf("want ErrUnsafe, got %v", err)
	}
}
