package ntfy

import (
	"context"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/alert/alerttest"
	"github.com/prophasis/prophasis/internal/state"
)

func TestNotifyHeaders(t *testing.T) {
	type req struct {
		h    http.Header
		body string
		path string
	}
	got := make(chan req, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- req{r.Header, string(b), r.URL.Path}
	}))
	defer srv.Close()
	n, err := New(Config{URL: srv.URL + "/alerts-x1", Token: "tk_1"}, srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	note := alerttest.Notification(t)
	if _, err := n.Notify(context.Background(), note); err != nil {
		t.Fatal(err)
	}
	r := <-got
	title, err := new(mime.WordDecoder).DecodeHeader(r.h.Get("Title"))
	if err != nil || title != note.Title {
		t.Errorf("title = %q (%v), want %q", title, err, note.Title)
	}
	if r.path != "/alerts-x1" || r.body != note.Text {
		t.Errorf("path %q body %q", r.path, r.body)
	}
	want := map[string]string{"Priority": "5", "Tags": "rotating_light,critical",
		"Click": "https://mon.example.com/hosts/7", "Authorization": "Bearer tk_1"}
	for k, v := range want {
		if r.h.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, r.h.Get(k), v)
		}
	}
}

func TestPriorityAndTags(t *testing.T) {
	tests := []struct {
		name     string
		kind     alert.Kind
		to       string
		priority string
		tags     string
	}{
		{"critical problem is urgent", alert.KindProblem, "critical", "5", "rotating_light,critical"},
		{"major repeat is high", alert.KindRepeat, "major", "4", "rotating_light,major"},
		{"degraded is default", alert.KindProblem, "degraded", "3", "rotating_light,degraded"},
		{"recovery is default", alert.KindRecovery, "ok", "3", "white_check_mark,recovery"},
		{"test", alert.KindTest, "critical", "3", "test_tube,test"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			note := alerttest.Notification(t)
			note.Kind = tt.kind
			note.Transitions[0].To = state.State(tt.to)
			h := Headers(note, "")
			if h.Get("Priority") != tt.priority || h.Get("Tags") != tt.tags || h.Get("Authorization") != "" {
				t.Errorf("headers = %v", h)
			}
		})
	}
}

func TestNewRejects(t *testing.T) {
	for _, u := range []string{"https://ntfy.sh", "https://ntfy.sh/", "ntfy.sh/topic"} {
		if _, err := New(Config{URL: u}, http.DefaultClient); err == nil || strings.Contains(err.Error(), "ntfy.sh") {
			t.Errorf("New(%q) = %v", u, err)
		}
	}
}
