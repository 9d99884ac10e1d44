package alert

import (
	"strings"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/state"
)

// FuzzRender feeds agent- and user-controlled text through the default
// templates: the title must stay on one line and the HTML must contain
// exactly as many tags as with harmless text, so nothing untrusted becomes
// markup.
func FuzzRender(f *testing.F) {
	f.Add("web1", "load high", "com.example.cpu", "linux")
	f.Add(`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, "{{.Title}}", "a\nb\r\nc")
	f.Add("\x00\x1b[31m", "\u2028", "", "")
	tmpl, err := NewTemplates("https://mon.example.com", "", "", "")
	if err != nil {
		f.Fatal(err)
	}
	render := func(t *testing.T, name, msg, plugin, check string) Notification {
		tr := Transition{Subject: SubjectHost, SubjectID: 1, Name: name, From: state.OK, To: state.Critical,
			At: time.Unix(0, 0), Plugin: plugin, Check: check, Message: msg}
		n, err := tmpl.Render(KindProblem, name, []Transition{tr})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	harmless := func(s string) string {
		if s == "" {
			return ""
		}
		return "x"
	}
	f.Fuzz(func(t *testing.T, name, msg, plugin, check string) {
		n := render(t, name, msg, plugin, check)
		if strings.ContainsAny(n.Title, "\r\n\x00") {
			t.Errorf("title spans lines: %q", n.Title)
		}
		ref := render(t, harmless(name), harmless(msg), harmless(plugin), harmless(check))
		if got, want := strings.Count(n.HTML, "<"), strings.Count(ref.HTML, "<"); got != want {
			t.Errorf("untrusted text added markup: %d tags, want %d\n%s", got, want, n.HTML)
		}
	})
}
