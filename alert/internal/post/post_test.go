package post

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestDoStatus(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		wantRetry bool
		wantErr   bool
	}{
		{"ok", 200, false, false},
		{"accepted", 202, false, false},
		{"bad request is final", 400, false, true},
		{"not found is final", 404, false, true},
		{"rate limited retries", 429, true, true},
		{"server error retries", 503, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("Content-Type") != "application/json" || r.Header.Get("X-Extra") != "1" {
					t.Errorf("headers = %v", r.Header)
				}
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte("body"))
			}))
			defer srv.Close()
			secretURL := srv.URL + "/services/T000/B000/SECRETTOKEN"
			retry, err := Do(context.Background(), srv.Client(), Request{
				URL: secretURL, ContentType: "application/json", Body: []byte("{}"),
				Header: http.Header{"X-Extra": {"1"}},
			})
			if retry != tt.wantRetry || (err != nil) != tt.wantErr {
				t.Fatalf("Do = %v, %v; want retry %v, err %v", retry, err, tt.wantRetry, tt.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), "SECRETTOKEN") {
				t.Errorf("error leaks the url: %v", err)
			}
		})
	}
}

func TestDoNetworkErrorRedacted(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL + "/hook/SECRETTOKEN"
	srv.Close()
	retry, err := Do(context.Background(), http.DefaultClient, Request{URL: url, ContentType: "text/plain"})
	if err == nil || !retry {
		t.Fatalf("Do on a closed server = %v, %v; want a retryable error", retry, err)
	}
	if strings.Contains(err.Error(), "SECRETTOKEN") {
		t.Errorf("error leaks the url: %v", err)
	}
}

func TestDoBadURL(t *testing.T) {
	_, err := Do(context.Background(), http.DefaultClient, Request{URL: "http://x/%zzSECRET"})
	if err == nil || strings.Contains(err.Error(), "SECRET") {
		t.Fatalf("err = %v", err)
	}
}

func TestCheckURL(t *testing.T) {
	tests := []struct {
		name, url string
		ok        bool
	}{
		{"https", "https://hooks.example/T000/B000/secret", true},
		{"http", "http://127.0.0.1:9/x", true},
		{"no scheme", "hooks.example/secret", false},
		{"other scheme", "file:///etc/passwd", false},
		{"no host", "https:///path", false},
		{"unparsable", "https://[::1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckURL(tt.url)
			if (err == nil) != tt.ok {
				t.Fatalf("CheckURL(%q) = %v, want ok=%v", tt.url, err, tt.ok)
			}
			if err != nil && strings.Contains(err.Error(), "secret") {
				t.Fatalf("error repeats the URL: %v", err)
			}
		})
	}
}
