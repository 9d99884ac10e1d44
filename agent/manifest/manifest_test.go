package manifest

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

const valid = `{
  "id": "com.example.disk_usage", "name": "Disk usage", "version": "1.10.0",
  "entry": "bin/check.sh", "protocol": "nagios", "timeout_seconds": 10,
  "arguments": [
    {"name": "mount", "default": "/", "flag": "-p"},
    {"name": "warning", "flag": "--warning="},
    {"name": "verbose"},
    {"name": "target", "positional": true, "required": true}
  ],
  "classifier": "classifier.lua", "history": 5,
  "view": {"kind": "percent", "unit": "%", "min": 0, "max": 100}
}`

func TestParseValid(t *testing.T) {
	m, err := Parse([]byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	if m.ID != "com.example.disk_usage" || m.Version != "1.10.0" || len(m.Arguments) != 4 || *m.View.Max != 100 {
		t.Fatalf("unexpected manifest %+v", m)
	}
}

func TestParseErrorsNameTheField(t *testing.T) {
	tests := []struct {
		name, from, to, field string
	}{
		{"float version", `"version": "1.10.0"`, `"version": "1.1"`, "version"},
		{"bad id", `"com.example.disk_usage"`, `"Disk Usage"`, "id"},
		{"entry escapes", `"bin/check.sh"`, `"../check.sh"`, "entry"},
		{"entry absolute", `"bin/check.sh"`, `"/bin/sh"`, "entry"},
		{"protocol", `"nagios"`, `"snmp"`, "protocol"},
		{"classifier not lua", `"classifier.lua"`, `"classifier.py"`, "classifier"},
		{"duplicate arg", `"name": "verbose"`, `"name": "mount"`, "arguments[2].name"},
		{"arg name", `"name": "verbose"`, `"name": "Verbose"`, "arguments[2].name"},
		{"flag", `"flag": "-p"`, `"flag": "-p; rm"`, "arguments[0].flag"},
		{"view kind", `"kind": "percent"`, `"kind": "html"`, "view.kind"},
		{"view range", `"min": 0`, `"min": 100`, "view.max"},
		{"history", `"history": 5`, `"history": -1`, "history"},
		{"timeout", `"timeout_seconds": 10`, `"timeout_seconds": 99999`, "timeout_seconds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(strings.Replace(valid, tt.from, tt.to, 1)))
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("want error on field %s, got %v", tt.field, err)
			}
		})
	}
}

func TestParseRejectsUnknownFieldsAndTrailingData(t *testing.T) {
	for _, doc := range []string{
		strings.Replace(valid, `"history": 5`, `"histroy": 5`, 1),
		valid + "{}",
		`[]`,
		``,
	} {
		if _, err := Parse([]byte(doc)); err == nil {
			t.Errorf("accepted %.40q", doc)
		}
	}
}

func TestInvocation(t *testing.T) {
	m, err := Parse([]byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		values  map[string]string
		argv    []string
		wantErr string
	}{
		{"defaults", map[string]string{"target": "sda"}, []string{"-p", "/", "sda"}, ""},
		{"all", map[string]string{"target": "sda", "mount": "/var", "warning": "80", "verbose": "1"},
			[]string{"-p", "/var", "--warning=80", "--verbose", "1", "sda"}, ""},
		{"empty optional dropped", map[string]string{"target": "x", "mount": ""}, []string{"x"}, ""},
		{"required missing", map[string]string{}, nil, "required"},
		{"unknown", map[string]string{"target": "x", "rm": "-rf"}, nil, "unknown argument"},
		{"nul", map[string]string{"target": "a\x00b"}, nil, "NUL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			argv, env, err := m.Invocation(tt.values)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("want error %q, got %v", tt.wantErr, err)
				}
				return
			}
			if err != nil || !slices.Equal(argv, tt.argv) {
				t.Fatalf("argv %q err %v, want %q", argv, err, tt.argv)
			}
			if !slices.Contains(env, "PROPHASIS_ARG_TARGET="+tt.values["target"]) {
				t.Fatalf("env %q lacks target", env)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(valid))
	f.Add([]byte(`{"id":"a.b","arguments":[{"name":"x","flag":"--x="}]}`))
	f.Add([]byte(`{"view":{"min":1e308,"max":-1e308}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(data)
		if err != nil {
			return
		}
		if m.Validate() != nil {
			t.Fatal("Parse returned a manifest that does not validate")
		}
		if _, _, err := m.Invocation(map[string]string{}); err != nil && !strings.Contains(err.Error(), "required") {
			t.Fatalf("invocation with defaults: %v", err)
		}
	})
}
