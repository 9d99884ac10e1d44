package main

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

// TestDoctorUnreachableDatabase: the command is wired into the tree, prints
// the failing finding as a table, exits with an error and keeps the
// password out of both.
func TestDoctorUnreachableDatabase(t *testing.T) {
	root := newRootCmd(slog.New(slog.DiscardHandler))
	var out bytes.Buffer
	root.SetArgs([]string{"doctor", "--db", "postgres://u:hunter2@127.0.0.1:1/x?connect_timeout=2"})
	root.SetOut(&out)
	root.SetErr(&out)
	err := root.Execute()
	if err == nil {
		t.Fatalf("doctor against a closed port succeeded:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "CHECK") || !strings.Contains(out.String(), "unreachable") {
		t.Errorf("output lacks the database finding:\n%s", out.String())
	}
	if strings.Contains(out.String()+err.Error(), "hunter2") {
		t.Errorf("password leaked:\n%s\n%v", out.String(), err)
	}
}
