package confyaml

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

const valid = `version: 1
hosts:
  - name: db1
    address: db1.example.com
    port: 5000
    enabled: false
  - name: web1
    address: 10.0.0.1
    description: front end
    tls_fingerprint: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
host_groups:
  - name: all
    groups: [web]
    hosts: [db1]
  - name: web
    hosts: [web1]
`

// withClassifiersAndWindows extends valid with every classifier and window
// field.
const withClassifiersAndWindows = `services:
  - name: shop
checks:
  - name: disks
classifiers:
  - plugin: com.x.disk
    code: |
      return "ok"
  - plugin: com.x.disk
    check: disks
    history_depth: 5
    code: |-
      if #values > 1 then return "minor" end
      return "ok"
maintenance_windows:
  - name: once
    starts_at: 2026-01-01T00:00:00+01:00
    ends_at: 2026-01-01T02:00:00Z
    hosts: [db1]
  - name: weekly
    description: patching
    days: [sat, sun]
    start_time: "23:00"
    end_time: "01:30"
    time_zone: Europe/London
    starts_at: 2026-01-01T00:00:00Z
    groups: [web]
    services: [shop]
`

func TestParseValid(t *testing.T) {
	f, err := Parse(strings.NewReader(valid))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Hosts) != 2 || port(f.Hosts[1]) != 4048 || enabled(f.Hosts[0]) || f.HostGroups[0].Groups[0] != "web" {
		t.Errorf("parsed %+v", f)
	}
	f, err = Parse(strings.NewReader(valid + withClassifiersAndWindows))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Classifiers) != 2 || f.Classifiers[0].Code != "return \"ok\"\n" || f.Classifiers[1].depth() != 5 ||
		len(f.Windows) != 2 || !f.Windows[1].recurring() || f.Windows[0].recurring() {
		t.Errorf("parsed %+v", f)
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	tests := []struct {
		name, file string
		want       []string
	}{
		{"unknown field", "version: 1\nhosts:\n  - name: a\n    adress: x\n", []string{"line 4", "adress"}},
		{"wrong type", "version: 1\nhosts:\n  - name: a\n    address: x\n    port: many\n", []string{"line 5"}},
		{"missing version", "hosts: []\n", []string{"version 0"}},
		{"empty", "", []string{"empty file"}},
		{"two documents", "version: 1\n---\nversion: 1\n", []string{"line 2", "one YAML document"}},
		{"duplicate host", "version: 1\nhosts:\n  - {name: a, address: x}\n  - name: a\n    address: y\n", []string{"line 4", `"a" is listed twice`}},
		{"no address", "version: 1\nhosts:\n  - name: a\n", []string{"line 3", "address"}},
		{"bad port", "version: 1\nhosts:\n  - name: a\n    address: x\n    port: 70000\n", []string{"line 5", "port 70000"}},
		{"bad fingerprint", "version: 1\nhosts:\n  - name: a\n    address: x\n    tls_fingerprint: zz\n", []string{"line 5", "tls_fingerprint"}},
		{"unknown member", "version: 1\nhost_groups:\n  - name: g\n    hosts: [ghost]\n", []string{"line 4", `"ghost" is not in hosts`}},
		{"cycle", "version: 1\nhost_groups:\n  - name: a\n    groups: [b]\n  - name: b\n    groups: [a]\n",
			[]string{"line 4", "line 6", "contains itself"}},
		{"check with unknown group", "version: 1\nchecks:\n  - name: c\n    groups: [nope]\n", []string{"line 4", `"nope" is not in host_groups`}},
		{"check arguments not strings", "version: 1\nchecks:\n  - name: c\n    plugins:\n      com.x.y: {a: [1]}\n", []string{"line 5"}},
		{"duplicate redundancy group", "version: 1\nservices:\n  - name: s\n    redundancy_groups:\n      - name: r\n      - name: r\n",
			[]string{"line 3", `redundancy group "r" is listed twice`}},
		{"service with unknown host", "version: 1\nservices:\n  - name: s\n    hosts: [ghost]\n", []string{"line 4", `"ghost" is not in hosts`}},
		{"bad interval", "version: 1\nschedules:\n  - name: s\n    intervals:\n      - {start: 2026-01-01T00:00:00Z, every: 10ms}\n",
			[]string{"line 5", "at least 1s"}},
		{"schedule with unknown check", "version: 1\nschedules:\n  - name: s\n    checks: [c]\n", []string{"line 4", `check "c" is not in checks`}},
		{"bad notifier kind", "version: 1\nnotifiers:\n  - name: n\n    kind: pager\n", []string{"line 4", `kind "pager"`}},
		{"rule with unknown state", "version: 1\nalert_rules:\n  - name: r\n    scope: all_hosts\n    from: [ok]\n    to: [broken]\n",
			[]string{"line 6", `state "broken"`}},
		{"rule repeating too often", "version: 1\nalert_rules:\n  - name: r\n    scope: all_hosts\n    from: [ok]\n    to: [critical]\n    repeat: 10s\n",
			[]string{"line 7", "at least 1m"}},
		{"rule subject of another scope", "version: 1\nhosts:\n  - {name: h, address: h}\nalert_rules:\n  - name: r\n    scope: services\n    subjects: [h]\n    from: [ok]\n    to: [critical]\n",
			[]string{"line 7", `subject "h" is not in this file`}},
		{"escalation without delay", "version: 1\nnotifiers:\n  - {name: n, kind: email}\nalert_rules:\n  - name: r\n    scope: all_hosts\n    from: [ok]\n    to: [critical]\n    escalate_to: n\n",
			[]string{"line 9", "needs escalate_after"}},
		{"bad Lua", "version: 1\nclassifiers:\n  - plugin: com.x.y\n    code: |\n      return \"ok\"\n      if then\n",
			[]string{"line 6", "code line 2"}},
		{"bad Lua in a quoted string", "version: 1\nclassifiers:\n  - {plugin: com.x.y, code: \"return (\"}\n", []string{"line 3", "classifiers[0]", "syntax"}},
		{"override of an unknown check", "version: 1\nclassifiers:\n  - plugin: com.x.y\n    check: nope\n    code: return 1\n",
			[]string{"line 4", `check "nope" is not in checks`}},
		{"classifier twice", "version: 1\nclassifiers:\n  - {plugin: com.x.y, code: return 1}\n  - {plugin: com.x.y, code: return 2}\n",
			[]string{"line 4", "listed twice"}},
		{"history too deep", "version: 1\nclassifiers:\n  - {plugin: com.x.y, code: return 1, history_depth: 20000}\n", []string{"line 3", "history_depth 20000"}},
		{"bad time zone", "version: 1\nmaintenance_windows:\n  - name: w\n    days: [mon]\n    start_time: \"01:00\"\n    end_time: \"02:00\"\n    time_zone: Mars/Olympus\n",
			[]string{"line 7", `time_zone "Mars/Olympus"`}},
		{"window with unknown host", "version: 1\nmaintenance_windows:\n  - name: w\n    starts_at: 2026-01-01T00:00:00Z\n    ends_at: 2026-01-02T00:00:00Z\n    hosts: [ghost]\n",
			[]string{"line 6", `host "ghost" is not in hosts`}},
		{"window with unknown service", "version: 1\nmaintenance_windows:\n  - {name: w, starts_at: 2026-01-01T00:00:00Z, ends_at: 2026-01-02T00:00:00Z, services: [s]}\n",
			[]string{"line 3", `service "s" is not in this file`}},
		{"window ending before it starts", "version: 1\nmaintenance_windows:\n  - name: w\n    starts_at: 2026-01-02T00:00:00Z\n    ends_at: 2026-01-01T00:00:00Z\n",
			[]string{"line 5", "after starts_at"}},
		{"once window without end", "version: 1\nmaintenance_windows:\n  - name: w\n    starts_at: 2026-01-02T00:00:00Z\n", []string{"line 3", "needs starts_at and ends_at"}},
		{"bad day", "version: 1\nmaintenance_windows:\n  - name: w\n    days: [funday]\n    start_time: \"01:00\"\n    end_time: \"02:00\"\n    time_zone: UTC\n",
			[]string{"line 4", `day "funday"`}},
		{"bad time of day", "version: 1\nmaintenance_windows:\n  - name: w\n    days: [mon]\n    start_time: \"25:00\"\n    end_time: \"02:00\"\n    time_zone: UTC\n",
			[]string{"line 5", `start_time "25:00"`}},
		{"window twice", "version: 1\nmaintenance_windows:\n  - {name: w, starts_at: 2026-01-01T00:00:00Z, ends_at: 2026-01-02T00:00:00Z}\n  - {name: w, starts_at: 2026-01-01T00:00:00Z, ends_at: 2026-01-02T00:00:00Z}\n",
			[]string{"line 4", "listed twice"}},
		{"several errors at once", "version: 2\nhosts:\n  - name: a\n", []string{"version 2", "line 3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.file))
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

// FuzzParse: no input crashes or hangs Parse, and whatever it accepts
// survives Marshal and Parse unchanged.
func FuzzParse(f *testing.F) {
	for _, s := range []string{valid, valid + withClassifiersAndWindows, "version: 1\n", "version: 1\nhost_groups:\n  - name: a\n    groups: [a]\n", "&a [*a]", "{"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		parsed, err := Parse(bytes.NewReader(data))
		if err != nil {
			return
		}
		out, err := Marshal(parsed)
		if err != nil {
			t.Fatal(err)
		}
		again, err := Parse(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("re-parsing %q: %v", out, err)
		}
		if !reflect.DeepEqual(parsed, again) {
			t.Fatalf("round trip changed %+v into %+v", parsed, again)
		}
	})
}

// BenchmarkParseClassifiersAndWindows measures reading a file whose Lua is
// compiled and whose time zones are loaded during validation.
func BenchmarkParseClassifiersAndWindows(b *testing.B) {
	data := []byte(valid + withClassifiersAndWindows)
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
