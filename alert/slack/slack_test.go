package slack

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/alert/alerttest"
)

func TestNotifyPayload(t *testing.T) {
	got := make(chan Payload, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var p Payload
		if err := json.NewDecoder(r.Body).Decode(&p); err != nil {
			t.Errorf("decode: %v", err)
		}
		got <- p
	}))
	defer srv.Close()
	n, err := New(Config{URL: srv.URL + "/services/T/B/X"}, srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := n.Notify(context.Background(), alerttest.Notification(t)); err != nil {
		t.Fatal(err)
	}
	p := <-got
	if len(p.Attachments) != 1 {
		t.Fatalf("payload = %+v", p)
	}
	a := p.Attachments[0]
	if a.Color != "#d00000" || a.TitleLink != "https://mon.example.com/hosts/7" || !strings.Contains(a.Text, "ok → critical") {
		t.Errorf("attachment = %+v", a)
	}
	if strings.Contains(p.Text, "<b>") || !strings.Contains(p.Text, "&lt;b&gt;") || strings.Contains(a.Text, "<rising>") {
		t.Errorf("markup not escaped: %q / %q", p.Text, a.Text)
	}
}

func TestColor(t *testing.T) {
	note := alerttest.Notification(t)
	tests := []struct {
		name string
		kind alert.Kind
		want string
	}{
		{"problem critical is red", alert.KindProblem, "#d00000"},
		{"recovery is green", alert.KindRecovery, "#2eb886"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			note.Kind = tt.kind
			if got := Build(note).Attachments[0].Color; got != tt.want {
				t.Errorf("color = %s, want %s", got, tt.want)
			}
		})
	}
	note.Kind = alert.KindProblem
	note.Transitions[0].To = "minor"
	if got := Build(note).Attachments[0].Color; got != "#e8a000" {
		t.Errorf("minor colour = %s", got)
	}
}

func TestNewRejectsBadURL(t *testing.T) {
	if _, err := New(Config{URL: "hooks.slack.com/x"}, http.DefaultClient); err == nil {
		t.Fatal("accepted a URL without scheme")
	}
}
