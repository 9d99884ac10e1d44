package main

import (
	"strings"
	"testing"
)

func TestAlertTestArguments(t *testing.T) {
	t.Setenv("PROPHASIS_DATABASE_URL", "")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"rule id must be a number", []string{"alert", "test", "web1"}, `rule id "web1": want a number`},
		{"needs a database", []string{"alert", "test", "3"}, "pass --db"},
		{"needs exactly one rule", []string{"alert", "test"}, "accepts 1 arg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := prophasis(t, tt.args...)
			if err := p.finish(t); err == nil || !strings.Contains(p.output(), tt.want) {
				t.Fatalf("prophasis %v: err %v, output:\n%s", tt.args, err, p.output())
			}
		})
	}
}
