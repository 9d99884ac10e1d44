package email

import (
	"context"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/alert/alerttest"
)

func hostPort(t *testing.T, addr string) (string, int) {
	t.Helper()
	h, p, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	port, _ := strconv.Atoi(p)
	return h, port
}

func TestSendSTARTTLSWithAuth(t *testing.T) {
	ms := alerttest.StartSMTP(t, true)
	host, port := hostPort(t, ms.Addr)
	n, err := New(Config{Host: host, Port: port, Security: SecuritySTARTTLS, Username: "alerts", Password: "pw",
		From: "prophasis@example.com", To: []string{"oncall@example.com", "boss@example.com"}, TLSConfig: ms.ClientTLS})
	if err != nil {
		t.Fatal(err)
	}
	note := alerttest.Notification(t)
	if retry, err := n.Notify(context.Background(), note); err != nil {
		t.Fatalf("Notify = %v, %v", retry, err)
	}
	got := ms.Mails()
	if len(got) != 1 {
		t.Fatalf("server got %d messages", len(got))
	}
	m := got[0]
	if !m.TLS || m.User != "alerts" || m.From != "prophasis@example.com" ||
		strings.Join(m.To, ",") != "oncall@example.com,boss@example.com" {
		t.Errorf("envelope = tls %v user %q from %q to %v", m.TLS, m.User, m.From, m.To)
	}
	subject := headerValue(m.Data, "Subject")
	if dec, err := new(mime.WordDecoder).DecodeHeader(subject); err != nil || dec != note.Title {
		t.Errorf("subject = %q (%v), want %q", dec, err, note.Title)
	}
	parts := bodyParts(t, m.Data)
	if !strings.Contains(parts["text/plain"], "ok → critical") || !strings.Contains(parts["text/plain"], "https://mon.example.com/hosts/7") {
		t.Errorf("text part = %q", parts["text/plain"])
	}
	if html := parts["text/html"]; !strings.Contains(html, "&lt;b&gt;") || strings.Contains(html, "<b>") {
		t.Errorf("html part not escaped: %q", html)
	}
}

func TestSendImplicitTLS(t *testing.T) {
	ms := alerttest.StartSMTPS(t)
	host, port := hostPort(t, ms.Addr)
	n, err := New(Config{Host: host, Port: port, Security: SecurityTLS, Username: "alerts", Password: "pw",
		From: "a@example.com", To: []string{"b@example.com"}, TLSConfig: ms.ClientTLS})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := n.Notify(context.Background(), alerttest.Notification(t)); err != nil {
		t.Fatal(err)
	}
	if got := ms.Mails(); len(got) != 1 || !got[0].TLS || got[0].User != "alerts" {
		t.Fatalf("got %+v", got)
	}
}

func TestSendNoTLS(t *testing.T) {
	ms := alerttest.StartSMTP(t, false)
	host, port := hostPort(t, ms.Addr)
	n, err := New(Config{Host: host, Port: port, Security: SecurityNone, From: "a@example.com", To: []string{"b@example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := n.Notify(context.Background(), alerttest.Notification(t)); err != nil {
		t.Fatal(err)
	}
	if got := ms.Mails(); len(got) != 1 || got[0].TLS {
		t.Fatalf("got %+v", got)
	}
}

func TestMandatoryTLSRefusesPlainServer(t *testing.T) {
	ms := alerttest.StartSMTP(t, false)
	host, port := hostPort(t, ms.Addr)
	n, err := New(Config{Host: host, Port: port, From: "a@example.com", To: []string{"b@example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := n.Notify(context.Background(), alerttest.Notification(t)); err == nil {
		t.Fatal("sent in clear text although STARTTLS is the default")
	}
	if len(ms.Mails()) != 0 {
		t.Fatal("server received a message")
	}
}

func TestRetryByReplyCode(t *testing.T) {
	tests := []struct {
		name      string
		code      int
		wantRetry bool
	}{
		{"mailbox busy is temporary", 450, true},
		{"no such user is permanent", 550, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := alerttest.StartSMTP(t, false)
			ms.RejectRecipients(tt.code)
			host, port := hostPort(t, ms.Addr)
			n, err := New(Config{Host: host, Port: port, Security: SecurityNone, From: "a@example.com", To: []string{"b@example.com"}})
			if err != nil {
				t.Fatal(err)
			}
			retry, err := n.Notify(context.Background(), alerttest.Notification(t))
			if err == nil || retry != tt.wantRetry {
				t.Fatalf("Notify = %v, %v; want retry %v", retry, err, tt.wantRetry)
			}
		})
	}
}

func TestConnectionRefusedRetries(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	host, port := hostPort(t, l.Addr().String())
	l.Close()
	n, err := New(Config{Host: host, Port: port, Security: SecurityNone, From: "a@example.com", To: []string{"b@example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	if retry, err := n.Notify(context.Background(), alerttest.Notification(t)); err == nil || !retry {
		t.Fatalf("Notify = %v, %v", retry, err)
	}
}

func TestValidate(t *testing.T) {
	good := Config{Host: "smtp.example.com", From: "a@example.com", To: []string{"b@example.com"}}
	tests := []struct {
		name string
		mut  func(*Config)
	}{
		{"no host", func(c *Config) { c.Host = "" }},
		{"bad from", func(c *Config) { c.From = "not an address" }},
		{"no recipients", func(c *Config) { c.To = nil }},
		{"bad recipient", func(c *Config) { c.To = []string{"x@"} }},
		{"bad security", func(c *Config) { c.Security = "ssl3" }},
		{"bad port", func(c *Config) { c.Port = 70000 }},
	}
	if err := good.Validate(); err != nil {
		t.Fatalf("good config: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := good
			tt.mut(&c)
			if err := c.Validate(); err == nil {
				t.Fatal("accepted")
			}
		})
	}
	var b strings.Builder
	good.Password = "hunter2"
	slog.New(slog.NewTextHandler(&b, nil)).Info("x", "cfg", good)
	if strings.Contains(b.String(), "hunter2") {
		t.Errorf("log leaks password: %s", b.String())
	}
}

// bodyParts decodes a multipart/alternative message into its parts by type.
func bodyParts(t *testing.T, raw string) map[string]string {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("content type %q: %v", mt, err)
	}
	out := map[string]string{}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err != nil {
			break
		}
		b, _ := io.ReadAll(p) // multipart decodes quoted-printable itself
		pt, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		out[pt] = string(b)
	}
	return out
}

// headerValue returns an unfolded header of a raw message.
func headerValue(raw, name string) string {
	head, _, _ := strings.Cut(raw, "\r\n\r\n")
	head = strings.ReplaceAll(head, "\r\n ", " ")
	for _, line := range strings.Split(head, "\r\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(k, name) {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
