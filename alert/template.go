package alert

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"net/url"
	"strconv"
	"strings"
	"text/template"
	"time"
)

// Default templates: what changed, from → to, subject, plugin and check,
// value and message, time and a link, for each transition of the burst.
const (
	DefaultTitle = `[Prophasis] {{upper .Kind}} {{if eq .Count 1}}{{with index .Transitions 0}}{{.Subject}} {{.Name}}: {{.From}} → {{.To}}{{end}}{{else}}{{.Count}} changes for rule {{.Rule}}{{end}}`
	DefaultText  = `{{upper .Kind}} (rule {{.Rule}})
{{range .Transitions}}
{{.Subject}} {{.Name}}: {{.From}} → {{.To}} at {{utc .At}}
{{- if .Plugin}}
Plugin: {{.Plugin}}{{if .Check}} (check {{.Check}}){{end}}{{end}}
{{- if .Value}}
Value: {{value .Value}}{{end}}
{{- if .Message}}
Message: {{.Message}}{{end}}
{{- if .URL}}
{{.URL}}{{end}}
{{end}}{{if .More}}
… and {{.More}} more
{{end}}`
	DefaultHTML = `<p><strong>{{upper .Kind}}</strong> (rule {{.Rule}})</p>
{{range .Transitions}}<table>
<tr><th align="left">{{.Subject}}</th><td>{{if .URL}}<a href="{{.URL}}">{{.Name}}</a>{{else}}{{.Name}}{{end}}</td></tr>
<tr><th align="left">change</th><td>{{.From}} → <strong>{{.To}}</strong></td></tr>
<tr><th align="left">time</th><td>{{utc .At}}</td></tr>
{{if .Plugin}}<tr><th align="left">plugin</th><td>{{.Plugin}}{{if .Check}} (check {{.Check}}){{end}}</td></tr>{{end}}
{{if .Value}}<tr><th align="left">value</th><td>{{value .Value}}</td></tr>{{end}}
{{if .Message}}<tr><th align="left">message</th><td>{{.Message}}</td></tr>{{end}}
</table>
{{end}}{{if .More}}<p>… and {{.More}} more</p>{{end}}`
)

// MaxListed caps the transitions a message lists one by one; a burst of a
// thousand hosts becomes a readable message (webhook JSON still carries
// them all).
const MaxListed = 25

// View is what templates see: the notification's kind and rule, the first
// MaxListed transitions, Count of them all and More not listed.
type View struct {
	Kind        Kind
	Rule        string
	Transitions []Transition
	Count, More int
}

// Templates renders notifications once, before any channel sees them, so
// every channel says the same thing. BaseURL is the web app's address used
// for links to host and service pages.
type Templates struct {
	baseURL string
	title   *template.Template
	text    *template.Template
	html    *htmltemplate.Template
}

func funcMap() map[string]any {
	return map[string]any{
		"upper": func(k Kind) string { return strings.ToUpper(string(k)) },
		"utc":   func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") },
		"value": func(v *float64) string { return strconv.FormatFloat(*v, 'g', -1, 64) },
	}
}

// NewTemplates parses the title, text and HTML templates; an empty string
// selects the default. Errors name the template so a bad rule setting is
// reported when it is saved, not when the first alert fails.
func NewTemplates(baseURL, title, text, html string) (*Templates, error) {
	if baseURL != "" {
		if u, err := url.Parse(baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			return nil, fmt.Errorf("alert: base url %q must be an http(s) URL", baseURL)
		}
	}
	t := &Templates{baseURL: strings.TrimRight(baseURL, "/")}
	var err error
	if t.title, err = template.New("title").Funcs(funcMap()).Parse(orDefault(title, DefaultTitle)); err != nil {
		return nil, fmt.Errorf("alert: title template: %w", err)
	}
	if t.text, err = template.New("text").Funcs(funcMap()).Parse(orDefault(text, DefaultText)); err != nil {
		return nil, fmt.Errorf("alert: text template: %w", err)
	}
	if t.html, err = htmltemplate.New("html").Funcs(funcMap()).Parse(orDefault(html, DefaultHTML)); err != nil {
		return nil, fmt.Errorf("alert: html template: %w", err)
	}
	return t, nil
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// Render builds the notification for a rule and its transitions, filling in
// each transition's link and the title, text and HTML bodies.
func (t *Templates) Render(kind Kind, rule string, trs []Transition) (Notification, error) {
	n := Notification{Kind: kind, Rule: rule, Transitions: make([]Transition, len(trs))}
	for i, tr := range trs {
		tr.URL = t.link(tr)
		n.Transitions[i] = tr
	}
	v := View{Kind: kind, Rule: rule, Transitions: n.Transitions, Count: len(n.Transitions)}
	if v.Count > MaxListed {
		v.Transitions, v.More = v.Transitions[:MaxListed], v.Count-MaxListed
	}
	var b bytes.Buffer
	if err := t.title.Execute(&b, v); err != nil {
		return Notification{}, fmt.Errorf("alert: render title: %w", err)
	}
	n.Title = oneLine(b.String())
	b.Reset()
	if err := t.text.Execute(&b, v); err != nil {
		return Notification{}, fmt.Errorf("alert: render text: %w", err)
	}
	n.Text = b.String()
	b.Reset()
	if err := t.html.Execute(&b, v); err != nil {
		return Notification{}, fmt.Errorf("alert: render html: %w", err)
	}
	n.HTML = b.String()
	return n, nil
}

// link is the web page of the transition's subject, or "" without a base URL.
func (t *Templates) link(tr Transition) string {
	if t.baseURL == "" || tr.SubjectID == 0 {
		return ""
	}
	paths := map[SubjectKind]string{SubjectHost: "hosts", SubjectService: "services", SubjectHostGroup: "host-groups"}
	p, ok := paths[tr.Subject]
	if !ok {
		return ""
	}
	return t.baseURL + "/" + p + "/" + strconv.FormatInt(tr.SubjectID, 10)
}

// oneLine keeps titles on one line: names and messages come from users and
// agents and may hold newlines, which would break mail subjects and headers.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }), " ")
}
