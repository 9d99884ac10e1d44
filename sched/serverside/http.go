package serverside

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"time"

	"github.com/prophasis/prophasis/agent/perfdata"
	"github.com/prophasis/prophasis/internal/buildinfo"
	"github.com/prophasis/prophasis/sched"
)

// maxBody bounds what is read of a response for body matching.
const maxBody = 1 << 20

// httpSpec is a validated HTTP check.
type httpSpec struct {
	url                *url.URL
	method             string
	status             statusSet
	body               *regexp.Regexp
	certWarn, certCrit int
}

// parseHTTP validates the arguments: url (default https://ADDRESS/),
// method GET or HEAD, expect_status (default 200-399), body_match (a Go
// regular expression: linear time, safe on any body), cert_warn_days
// (default 14) and cert_crit_days (default 3).
func parseHTTP(job sched.Job) (httpSpec, error) {
	a := args(job.Args)
	var s httpSpec
	var err error
	raw := a.str("url", "https://"+job.Address+"/")
	if s.url, err = url.Parse(raw); err != nil || (s.url.Scheme != "http" && s.url.Scheme != "https") || s.url.Host == "" {
		return s, fmt.Errorf("argument url: want an http:// or https:// URL with a host")
	}
	if s.method = a.str("method", http.MethodGet); s.method != http.MethodGet && s.method != http.MethodHead {
		return s, fmt.Errorf("argument method: want GET or HEAD, got %q", s.method)
	}
	if s.status, err = parseStatusSet(a.str("expect_status", "200-399")); err != nil {
		return s, err
	}
	if m := a.str("body_match", ""); m != "" {
		if s.body, err = regexp.Compile(m); err != nil {
			return s, fmt.Errorf("argument body_match: %w", err)
		}
	}
	if s.certWarn, err = a.int("cert_warn_days", 14, 0, 3650); err != nil {
		return s, err
	}
	s.certCrit, err = a.int("cert_crit_days", 3, 0, 3650)
	return s, err
}

// http requests the URL without following redirects, so a 301 is reported
// as what the server said.
func (r *Runner) http(ctx context.Context, job sched.Job, start time.Time) sched.Result {
	spec, err := parseHTTP(job)
	if err != nil {
		return invalid(err)
	}
	req, err := http.NewRequestWithContext(ctx, spec.method, spec.url.String(), nil)
	if err != nil {
		return invalid(fmt.Errorf("argument url: %w", err))
	}
	req.Header.Set("User-Agent", "prophasis/"+buildinfo.Version())
	client := &http.Client{Transport: r.transport,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		return r.requestFailed(ctx, spec.url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	latency := r.clock.Now().Sub(start)
	if err != nil {
		return down(fmt.Sprintf("HTTP %s: reading the body failed: %v", resp.Status, err))
	}
	exit, msg := exitOK, fmt.Sprintf("HTTP %s in %d ms", resp.Status, latency.Milliseconds())
	if !spec.status.contains(resp.StatusCode) {
		exit, msg = exitCritical, msg+fmt.Sprintf(", expected %s", spec.status)
	}
	if spec.body != nil && !spec.body.Match(body) {
		exit, msg = exitCritical, msg+fmt.Sprintf(", body does not match %q", spec.body)
	}
	size := float64(len(body))
	perf := []perfdata.Point{{Label: "size", Value: &size, UOM: "B"}}
	if resp.TLS != nil && len(resp.TLS.PeerCertificates) > 0 {
		cexit, cmsg, days := certDaysLeft(resp.TLS.PeerCertificates[0], r.clock.Now(), spec.certWarn, spec.certCrit)
		exit, msg = max(exit, cexit), msg+", "+cmsg
		perf = append(perf, days)
	}
	return observed(exit, latency, msg, perf...)
}
