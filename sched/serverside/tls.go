package serverside

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/prophasis/prophasis/agent/perfdata"
	"github.com/prophasis/prophasis/sched"
)

const day = 24 * time.Hour

// certDaysLeft grades the remaining validity of a served certificate.
func certDaysLeft(cert *x509.Certificate, now time.Time, warn, crit int) (int, string, perfdata.Point) {
	days := float64(int(cert.NotAfter.Sub(now) / day))
	p := perfdata.Point{Label: "cert_days", Value: &days, UOM: "d"}
	msg := fmt.Sprintf("certificate valid for %d more days (until %s)", int(days), cert.NotAfter.UTC().Format(time.DateOnly))
	switch {
	case days < float64(crit):
		return exitCritical, msg, p
	case days < float64(warn):
		return exitWarning, msg, p
	}
	return exitOK, msg, p
}

// requestFailed explains why a request got no response, in words an
// on-call engineer can act on, certificate problems first.
func (r *Runner) requestFailed(ctx context.Context, u *url.URL, err error) sched.Result {
	var cve *tls.CertificateVerificationError
	if errors.As(err, &cve) && len(cve.UnverifiedCertificates) > 0 {
		return certFailed(u, cve, r.clock.Now())
	}
	if ctx.Err() != nil {
		return down(fmt.Sprintf("no response from %s before the check's deadline", u.Redacted()))
	}
	return down(fmt.Sprintf("request failed: %v", err))
}

// certFailed reports a certificate the client refused. An expired
// certificate keeps its days-left figure (negative) for graphs.
func certFailed(u *url.URL, cve *tls.CertificateVerificationError, now time.Time) sched.Result {
	leaf := cve.UnverifiedCertificates[0]
	subject := leaf.Subject.CommonName
	if subject == "" {
		subject = u.Hostname()
	}
	res := down(fmt.Sprintf("TLS certificate of %s not accepted: %v", u.Host, cve.Err))
	var invalid x509.CertificateInvalidError
	switch {
	case now.After(leaf.NotAfter):
		ago := int(now.Sub(leaf.NotAfter) / day)
		res.Message = fmt.Sprintf("TLS certificate of %s (%s) expired %d days ago, on %s",
			u.Host, subject, ago, leaf.NotAfter.UTC().Format(time.RFC3339))
		days := -float64(ago)
		res.Perfdata = []perfdata.Point{{Label: "cert_days", Value: &days, UOM: "d"}}
	case now.Before(leaf.NotBefore):
		res.Message = fmt.Sprintf("TLS certificate of %s (%s) not valid before %s",
			u.Host, subject, leaf.NotBefore.UTC().Format(time.RFC3339))
	case errors.As(cve.Err, &x509.UnknownAuthorityError{}):
		res.Message = fmt.Sprintf("TLS certificate of %s (%s) is signed by an unknown authority", u.Host, subject)
	case errors.As(cve.Err, &invalid):
		res.Message = fmt.Sprintf("TLS certificate of %s (%s) is invalid: %v", u.Host, subject, invalid)
	}
	return res
}
