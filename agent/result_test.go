package agent

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/prophasis/prophasis/agent/api"
	"github.com/prophasis/prophasis/agent/manifest"
	"github.com/prophasis/prophasis/agent/runner"
)

func TestInterpret(t *testing.T) {
	jsonM := &manifest.Manifest{Protocol: manifest.ProtocolJSON}
	nagM := &manifest.Manifest{Protocol: manifest.ProtocolNagios, ValueLabel: "b"}
	tests := []struct {
		name     string
		m        *manifest.Manifest
		out      runner.Output
		startErr error
		status   string
		message  string
		value    *float64
	}{
		{"json null value", jsonM, runner.Output{Stdout: []byte(`{"value": null, "message": "idle"}`)}, nil, api.StatusOK, "idle", nil},
		{"json string value", jsonM, runner.Output{Stdout: []byte(`{"value": "42"}`)}, nil, api.StatusError, "not a JSON object", nil},
		{"json two objects", jsonM, runner.Output{Stdout: []byte(`{"value": 1} {"value": 2}`)}, nil, api.StatusError, "more than one", nil},
		{"json stderr shown", jsonM, runner.Output{Stderr: []byte("python: not found"), ExitCode: 127}, nil, api.StatusError, "python: not found", nil},
		{"start error", jsonM, runner.Output{}, errors.New("permission denied"), api.StatusError, "cannot start plugin: permission denied", nil},
		{"timeout", jsonM, runner.Output{TimedOut: true, ExitCode: -1}, nil, api.StatusTimeout, "after the 2s timeout", nil},
		{"nagios value label", nagM, runner.Output{Stdout: []byte("OK - fine | a=1 b=2\n")}, nil, api.StatusOK, "OK - fine", ptr(2)},
		{"nagios exit 127", nagM, runner.Output{Stdout: []byte("sh: check_x: not found"), ExitCode: 127}, nil, api.StatusError, "exited with code 127", nil},
		{"invalid utf8 cleaned", nagM, runner.Output{Stdout: []byte("OK \xff\xfe")}, nil, api.StatusOK, "OK \uFFFD", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := interpret(tt.m, tt.out, tt.startErr, 2*time.Second)
			if res.Status != tt.status || !strings.Contains(res.Message, tt.message) {
				t.Fatalf("got %+v", res)
			}
			if (res.Value == nil) != (tt.value == nil) || (res.Value != nil && *res.Value != *tt.value) {
				t.Fatalf("value %v, want %v", res.Value, tt.value)
			}
		})
	}
}

func TestCleanBoundsAtRuneBoundary(t *testing.T) {
	got := clean(strings.Repeat("é", 100), 7)
	if got != "ééé" {
		t.Fatalf("%q", got)
	}
}

func ptr(v float64) *float64 { return &v }
