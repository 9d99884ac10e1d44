package alert

import (
	"strings"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/state"
)

func sampleTransition() Transition {
	v := 97.5
	return Transition{
		Subject: SubjectHost, SubjectID: 7, Name: `web1<script>alert(1)</script>`,
		From: state.OK, To: state.Critical, At: time.Date(2026, 3, 1, 12, 30, 0, 0, time.FixedZone("X", 3600)),
		Plugin: "com.example.cpu_load", Check: "linux", Value: &v, Message: "load\n\"high\" & <rising>",
	}
}

func TestRenderDefault(t *testing.T) {
	tmpl, err := NewTemplates("https://mon.example.com/", "", "", "")
	if err != nil {
		t.Fatal(err)
	}
	n, err := tmpl.Render(KindProblem, "on-call", []Transition{sampleTransition()})
	if err != nil {
		t.Fatal(err)
	}
	wantTitle := "[Prophasis] PROBLEM host web1<script>alert(1)</script>: ok → critical"
	if n.Title != wantTitle {
		t.Errorf("title = %q, want %q", n.Title, wantTitle)
	}
	for _, want := range []string{"ok → critical", "2026-03-01 11:30:00 UTC", "com.example.cpu_load (check linux)",
		"Value: 97.5", "https://mon.example.com/hosts/7", "rule on-call", "\"high\" & <rising>"} {
		if !strings.Contains(n.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, n.Text)
		}
	}
	if strings.Contains(n.HTML, "<script>") || strings.Contains(n.HTML, "<rising>") {
		t.Errorf("html not escaped:\n%s", n.HTML)
	}
	for _, want := range []string{"&lt;script&gt;", `href="https://mon.example.com/hosts/7"`, "&lt;rising&gt;"} {
		if !strings.Contains(n.HTML, want) {
			t.Errorf("html lacks %q:\n%s", want, n.HTML)
		}
	}
}

func TestRenderGroupedAndLinks(t *testing.T) {
	tmpl, err := NewTemplates("", "", "", "")
	if err != nil {
		t.Fatal(err)
	}
	a, b := sampleTransition(), sampleTransition()
	b.Subject, b.Name = SubjectService, "shop"
	n, err := tmpl.Render(KindRecovery, "r", []Transition{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if n.Title != "[Prophasis] RECOVERY 2 changes for rule r" {
		t.Errorf("title = %q", n.Title)
	}
	if strings.Contains(n.Text, "http") || n.Transitions[0].URL != "" {
		t.Errorf("links without a base URL: %q", n.Text)
	}
	if n.Worst() != state.Critical {
		t.Errorf("worst = %s", n.Worst())
	}
}

func TestNewTemplatesRejects(t *testing.T) {
	tests := []struct{ name, base, title string }{
		{"bad template", "", "{{.Nope"},
		{"javascript base", "javascript:alert(1)", ""},
		{"relative base", "/x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewTemplates(tt.base, tt.title, "", ""); err == nil {
				t.Fatal("accepted")
			}
		})
	}
}

func TestRenderUnknownFieldFails(t *testing.T) {
	tmpl, err := NewTemplates("", "{{.Nope}}", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tmpl.Render(KindTest, "r", []Transition{sampleTransition()}); err == nil {
		t.Fatal("rendered a template naming a missing field")
	}
}

func TestRenderCapsLongBursts(t *testing.T) {
	tmpl, err := NewTemplates("", "", "", "")
	if err != nil {
		t.Fatal(err)
	}
	trs := make([]Transition, MaxListed+7)
	for i := range trs {
		trs[i] = sampleTransition()
	}
	n, err := tmpl.Render(KindProblem, "r", trs)
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Transitions) != MaxListed+7 || n.Title != "[Prophasis] PROBLEM 32 changes for rule r" {
		t.Errorf("title %q, %d transitions", n.Title, len(n.Transitions))
	}
	if got := strings.Count(n.Text, "ok → critical"); got != MaxListed || !strings.Contains(n.Text, "… and 7 more") {
		t.Errorf("text lists %d transitions:\n%s", got, n.Text)
	}
	if !strings.Contains(n.HTML, "… and 7 more") {
		t.Error("html does not say how many were left out")
	}
}
