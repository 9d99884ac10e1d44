package state

import "testing"

func TestSeverityOrderMatchesReport(t *testing.T) {
	for i := 1; i < len(All); i++ {
		if All[i-1].Severity() >= All[i].Severity() {
			t.Fatalf("%s should be less severe than %s", All[i-1], All[i])
		}
	}
	for _, s := range All {
		got, err := FromSeverity(s.Severity())
		if err != nil || got != s {
			t.Fatalf("FromSeverity(%d) = %q, %v; want %q", s.Severity(), got, err, s)
		}
	}
}

func TestWorst(t *testing.T) {
	tests := []struct {
		name   string
		states []State
		want   State
	}{
		{"none", nil, NoData},
		{"critical beats all", []State{OK, Critical, Minor, Degraded}, Critical},
		{"degraded beats unknown", []State{Unknown, Degraded, OK}, Degraded},
		{"unknown beats ok", []State{OK, Unknown}, Unknown},
		{"ok beats no data", []State{NoData, OK}, OK},
		{"invalid never wins", []State{"bogus", NoData}, NoData},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Worst(tt.states...); got != tt.want {
				t.Fatalf("Worst(%v) = %q, want %q", tt.states, got, tt.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	if _, err := Parse("CRITICAL"); err == nil {
		t.Fatal("Parse accepted an unknown spelling")
	}
	if s, err := Parse("minor"); err != nil || s != Minor {
		t.Fatalf("Parse(minor) = %q, %v", s, err)
	}
	if Degraded.IsClassification() || !Unknown.IsClassification() {
		t.Fatal("only ok/minor/major/critical/unknown are classifications")
	}
	if NoData.IsProblem() || OK.IsProblem() || !Unknown.IsProblem() {
		t.Fatal("problems are states worse than ok")
	}
}
