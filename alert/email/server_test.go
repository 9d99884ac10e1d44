package email

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

// received is one message the test server accepted.
type received struct {
	from string
	to   []string
	data string
	user string
	tls  bool
}

// mailServer is an in-process SMTP server that records messages. When
// withTLS is set it offers STARTTLS with httptest's certificate and
// requires PLAIN auth as user/pass.
type mailServer struct {
	mu       sync.Mutex
	msgs     []received
	rejectRC int // reply code for RCPT, 0 accepts
}

func startServer(t *testing.T, withTLS bool) (*mailServer, string, *tls.Config) {
	t.Helper()
	ms := &mailServer{}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		_, isTLS := c.TLSConnectionState()
		return &session{ms: ms, rec: received{tls: isTLS}, conn: c}, nil
	}))
	srv.Domain = "localhost"
	var clientTLS *tls.Config
	if withTLS {
		h := httptest.NewUnstartedServer(http.NotFoundHandler())
		h.StartTLS()
		h.Close()
		srv.TLSConfig = h.TLS
		pool := x509.NewCertPool()
		pool.AddCert(h.Certificate())
		clientTLS = &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ms, l.Addr().String(), clientTLS
}

func (ms *mailServer) got() []received {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	return append([]received(nil), ms.msgs...)
}

type session struct {
	ms   *mailServer
	rec  received
	conn *smtp.Conn
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != "alerts" || pass != "pw" {
			return errors.New("bad credentials")
		}
		s.rec.user = user
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.rec.from = from
	_, s.rec.tls = s.conn.TLSConnectionState()
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.ms.mu.Lock()
	code := s.ms.rejectRC
	s.ms.mu.Unlock()
	if code != 0 {
		return &smtp.SMTPError{Code: code, Message: "no"}
	}
	s.rec.to = append(s.rec.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.rec.data = string(b)
	s.ms.mu.Lock()
	s.ms.msgs = append(s.ms.msgs, s.rec)
	s.ms.mu.Unlock()
	return nil
}

func (s *session) Reset()        {}
func (s *session) Logout() error { return nil }
