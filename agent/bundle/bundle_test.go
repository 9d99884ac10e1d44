package bundle

import (
	"bytes"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/prophasis/prophasis/agent/archive"
	"github.com/prophasis/prophasis/agent/manifest"
)

const testManifest = `{"id":"com.example.t","name":"T","version":"1.0.0","entry":"bin/run.sh","protocol":"json",
	"classifier":"c.lua","history":1,"view":{"kind":"line"}}`

func TestBuildAndOpen(t *testing.T) {
	b, err := Build(fstest.MapFS{
		"manifest.json": {Data: []byte(testManifest)},
		"bin/run.sh":    {Data: []byte("#!/bin/sh\n")},
		"c.lua":         {Data: []byte("return 'ok'")},
	})
	if err != nil {
		t.Fatal(err)
	}
	o, err := Open(b.Archive, 1<<20)
	if err != nil || o.SHA256 != b.SHA256 || o.Classifier != "return 'ok'" || o.Manifest.Entry != "bin/run.sh" {
		t.Fatalf("open: %+v %v", o, err)
	}
}

func TestBuildAndOpenRejectIncompletePlugins(t *testing.T) {
	tests := []struct {
		name  string
		fsys  fstest.MapFS
		field string
	}{
		{"no entry", fstest.MapFS{"manifest.json": {Data: []byte(testManifest)}, "c.lua": {Data: []byte("x")}}, "entry"},
		{"no classifier", fstest.MapFS{"manifest.json": {Data: []byte(testManifest)}, "bin/run.sh": {Data: []byte("x")}}, "classifier"},
		{"huge classifier", fstest.MapFS{"manifest.json": {Data: []byte(testManifest)}, "bin/run.sh": {Data: []byte("x")},
			"c.lua": {Data: bytes.Repeat([]byte("-"), MaxClassifier+1)}}, "classifier"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Build(tt.fsys)
			var fe *manifest.FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("Build: want field %s, got %v", tt.field, err)
			}
			raw, err := archive.Pack(tt.fsys, nil) // bypass Build's checks
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Open(raw, 1<<20); !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("Open: want field %s, got %v", tt.field, err)
			}
		})
	}
	if _, err := Open([]byte("not a tar.gz"), 1<<20); err == nil {
		t.Fatal("Open accepted garbage")
	}
}

// TestWrapQuotesFixedArguments runs the generated entry point: fixed
// arguments must reach the check verbatim, never expanded by the shell.
func TestWrapQuotesFixedArguments(t *testing.T) {
	echo, err := exec.LookPath("echo")
	if err != nil || !filepath.IsAbs(echo) {
		t.Skip("no echo binary")
	}
	b, err := Wrap(NagiosWrap{Command: echo, FixedArgs: []string{"it's", "$HOME", "`id`"},
		Manifest: manifest.Manifest{ID: "com.example.echo", Name: "echo", Version: "1.0.0"}})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := archive.Extract(bytes.NewReader(b.Archive), dir, archive.DefaultLimits); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(filepath.Join(dir, "run.sh"), "last").Output()
	if err != nil || strings.TrimSpace(string(out)) != "it's $HOME `id` last" {
		t.Fatalf("output %q, err %v", out, err)
	}
	if b.Manifest.Protocol != manifest.ProtocolNagios || !strings.Contains(b.Classifier, "exit_code") {
		t.Fatalf("manifest %+v", b.Manifest)
	}
	if _, err := Wrap(NagiosWrap{Command: "check_load", Manifest: *b.Manifest}); err == nil {
		t.Fatal("relative command accepted")
	}
}
