package webhook

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/alert/alerttest"
)

func TestNotifySigned(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	got := make(chan Payload, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if err := Verify("s3cret", r.Header.Get(TimestampHeader), r.Header.Get(SignatureHeader), body, now, 5*time.Minute); err != nil {
			t.Errorf("receiver rejects the request: %v", err)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		var p Payload
		if err := json.Unmarshal(body, &p); err != nil {
			t.Errorf("body: %v", err)
		}
		got <- p
	}))
	defer srv.Close()
	n, err := New(Config{URL: srv.URL + "/hook", Secret: "s3cret"}, srv.Client(), func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	note := alerttest.Notification(t)
	if retry, err := n.Notify(context.Background(), note); err != nil || retry {
		t.Fatalf("Notify = %v, %v", retry, err)
	}
	p := <-got
	if p.Version != 1 || p.Kind != alert.KindProblem || p.Title != note.Title || len(p.Transitions) != 1 ||
		p.Transitions[0].Name != note.Transitions[0].Name || *p.Transitions[0].Value != 97.5 {
		t.Errorf("payload = %+v", p)
	}
}

func TestVerifyRejects(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	body := []byte(`{"a":1}`)
	good := Sign("k", now.Unix(), body)
	tests := []struct {
		name, secret, ts, sig string
		body                  []byte
	}{
		{"wrong secret", "other", "1800000000", good, body},
		{"tampered body", "k", "1800000000", good, []byte(`{"a":2}`)},
		{"replayed later", "k", "1799990000", Sign("k", 1_799_990_000, body), body},
		{"changed timestamp", "k", "1800000001", good, body},
		{"garbage timestamp", "k", "soon", good, body},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := Verify(tt.secret, tt.ts, tt.sig, tt.body, now, time.Minute); err == nil {
				t.Fatal("accepted")
			}
		})
	}
	if err := Verify("k", "1800000000", good, body, now, time.Minute); err != nil {
		t.Fatalf("good signature rejected: %v", err)
	}
}

func TestUnsignedAndFailing(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get(SignatureHeader) != "" {
			t.Error("signed without a secret")
		}
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer srv.Close()
	n, err := New(Config{URL: srv.URL + "/TOKEN123"}, srv.Client(), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	retry, err := n.Notify(context.Background(), alerttest.Notification(t))
	if err == nil || !retry || strings.Contains(err.Error(), "TOKEN123") {
		t.Fatalf("Notify = %v, %v; want a retryable redacted error", retry, err)
	}
}

func TestConfigRedactedAndValidated(t *testing.T) {
	var b strings.Builder
	slog.New(slog.NewTextHandler(&b, nil)).Info("x", "cfg", Config{URL: "https://h/TOKEN123", Secret: "SEC"})
	if strings.Contains(b.String(), "TOKEN123") || strings.Contains(b.String(), "SEC") {
		t.Errorf("log leaks secrets: %s", b.String())
	}
	for _, u := range []string{"", "ftp://x/y", "/relative", "http://"} {
		if _, err := New(Config{URL: u}, http.DefaultClient, time.Now); err == nil {
			t.Errorf("accepted url %q", u)
		}
	}
}
