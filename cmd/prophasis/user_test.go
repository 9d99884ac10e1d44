package main

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

func TestReadPasswordFromPipe(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"line", "s3cret pass\nrest", "s3cret pass"},
		{"crlf", "s3cret pass\r\n", "s3cret pass"},
		{"no newline", "s3cret pass", "s3cret pass"},
		{"empty", "", ""},
	} {
		got, err := readPassword(strings.NewReader(tt.in), &bytes.Buffer{})
		if err != nil || got != tt.want {
			t.Errorf("%s: readPassword = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}

// TestUserAddNeedsReachableDatabase: the command is wired into the tree
// and reports an unreachable database without leaking the password in it.
func TestUserAddNeedsReachableDatabase(t *testing.T) {
	root := newRootCmd(slog.New(slog.DiscardHandler))
	var out bytes.Buffer
	root.SetArgs([]string{"user", "add", "ann", "--role", "admin", "--db", "postgres://u:hunter2@127.0.0.1:1/x?connect_timeout=2"})
	root.SetIn(strings.NewReader("long enough pw\n"))
	root.SetOut(&out)
	root.SetErr(&out)
	err := root.Execute()
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("user add against a closed port: %v", err)
	}
}
