package core_test

import (
	"strings"
	"testing"

	"github.com/prophasis/prophasis/internal/core"
)

func TestParseRoles(t *testing.T) {
	tests := []struct {
		name, in, want, err string
	}{
		{name: "all", in: "sched,ingest,web", want: "sched,ingest,web"},
		{name: "any order, spaces, case", in: " Web , sched", want: "sched,web"},
		{name: "one", in: "ingest", want: "ingest"},
		{name: "empty", in: "", err: "empty role"},
		{name: "trailing comma", in: "sched,", err: "empty role"},
		{name: "unknown", in: "sched,alert", err: `unknown role "alert"`},
		{name: "twice", in: "web,web", err: "web given twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := core.ParseRoles(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ParseRoles(%q) = %v, %v; want error containing %q", tt.in, got, err, tt.err)
				}
				return
			}
			if err != nil || got.String() != tt.want {
				t.Fatalf("ParseRoles(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestRolesHas(t *testing.T) {
	web := core.Roles(core.RoleWeb)
	if web.Has(core.RoleSched) || !web.Has(core.RoleWeb) {
		t.Fatalf("web-only roles: Has(sched)=%v Has(web)=%v", web.Has(core.RoleSched), web.Has(core.RoleWeb))
	}
	var zero core.Roles
	if !zero.Has(core.RoleSched) || !zero.Has(core.RoleIngest) || !zero.Has(core.RoleWeb) || zero.String() != "sched,ingest,web" {
		t.Fatalf("the zero set must mean every role, got %q", zero)
	}
}

// FuzzParseRoles: any input either fails or gives a non-empty set whose
// canonical form parses back to itself.
func FuzzParseRoles(f *testing.F) {
	for _, s := range []string{"sched", "web,ingest", "", ",", "sched,,web", "SCHED", "ingest,ingest", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rs, err := core.ParseRoles(s)
		if err != nil {
			return
		}
		if rs == 0 {
			t.Fatalf("ParseRoles(%q) gave the empty set without an error", s)
		}
		back, err := core.ParseRoles(rs.String())
		if err != nil || back != rs {
			t.Fatalf("ParseRoles(%q) = %q, which parses back to %q, %v", s, rs, back, err)
		}
	})
}
