package alerttest

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Mail is one message the test SMTP server accepted.
type Mail struct {
	From string
	To   []string
	Data string // the raw message
	User string // authenticated user, "" without AUTH
	TLS  bool   // whether the session was encrypted when MAIL was sent
}

// SMTPServer is an in-process SMTP server that records messages. With TLS
// it offers STARTTLS (httptest's certificate) and PLAIN auth for user
// "alerts", password "pw".
type SMTPServer struct {
	Addr string
	// ClientTLS trusts the server's certificate; nil without TLS.
	ClientTLS *tls.Config
	mu        sync.Mutex
	msgs      []Mail
	rejectRC  int
}

// StartSMTP starts a server on 127.0.0.1, stopped when the test ends.
func StartSMTP(t testing.TB, withTLS bool) *SMTPServer {
	t.Helper()
	return startSMTP(t, withTLS, false)
}

// StartSMTPS starts a server speaking TLS from the first byte (port 465
// style), with the same auth as StartSMTP's TLS server.
func StartSMTPS(t testing.TB) *SMTPServer {
	t.Helper()
	return startSMTP(t, true, true)
}

func startSMTP(t testing.TB, withTLS, implicit bool) *SMTPServer {
	t.Helper()
	ms := &SMTPServer{}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{ms: ms, conn: c}, nil
	}))
	srv.Domain = "localhost"
	if withTLS {
		h := httptest.NewUnstartedServer(http.NotFoundHandler())
		h.StartTLS()
		h.Close()
		srv.TLSConfig = h.TLS
		pool := x509.NewCertPool()
		pool.AddCert(h.Certificate())
		ms.ClientTLS = &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ms.Addr = l.Addr().String()
	if implicit {
		l = tls.NewListener(l, srv.TLSConfig)
	}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ms
}

// RejectRecipients makes RCPT fail with code (450 temporary, 550
// permanent); 0 accepts again.
func (ms *SMTPServer) RejectRecipients(code int) {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	ms.rejectRC = code
}

// Mails returns the messages received so far.
func (ms *SMTPServer) Mails() []Mail {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	return append([]Mail(nil), ms.msgs...)
}

type session struct {
	ms   *SMTPServer
	rec  Mail
	conn *smtp.Conn
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != "alerts" || pass != "pw" {
			return errors.New("bad credentials")
		}
		s.rec.User = user
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.rec.From = from
	_, s.rec.TLS = s.conn.TLSConnectionState()
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.ms.mu.Lock()
	code := s.ms.rejectRC
	s.ms.mu.Unlock()
	if code != 0 {
		return &smtp.SMTPError{Code: code, Message: "no"}
	}
	s.rec.To = append(s.rec.To, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.rec.Data = string(b)
	s.ms.mu.Lock()
	s.ms.msgs = append(s.ms.msgs, s.rec)
	s.ms.mu.Unlock()
	s.rec = Mail{}
	return nil
}

func (s *session) Reset()        { s.rec = Mail{User: s.rec.User} }
func (s *session) Logout() error { return nil }
