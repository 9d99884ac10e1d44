// Package post sends one HTTP POST for the webhook-style notifiers and
// classifies the outcome as retryable or not. The URL of a chat webhook is a
// credential, so no error returned from here ever contains it.
package post

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// maxErrorBody caps how much of a failing response ends up in the alert log.
const maxErrorBody = 512

// Request is one POST: the secret URL, the body and extra headers.
type Request struct {
	URL         string
	ContentType string
	Body        []byte
	Header      http.Header
}

// Do sends the request with client. It reports retry=true for network
// errors, 408, 429 and 5xx responses, which are usually temporary.
func Do(ctx context.Context, client *http.Client, r Request) (retry bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.URL, bytes.NewReader(r.Body))
	if err != nil {
		return false, errors.New("invalid webhook url")
	}
	for k, vs := range r.Header {
		req.Header[k] = vs
	}
	req.Header.Set("Content-Type", r.ContentType)
	resp, err := client.Do(req)
	if err != nil {
		return ctx.Err() == nil, fmt.Errorf("post to <redacted>: %w", redact(err))
	}
	defer resp.Body.Close()
	snippet, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return false, nil
	}
	retry = resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests ||
		resp.StatusCode == http.StatusRequestTimeout
	return retry, fmt.Errorf("post to <redacted>: %s: %q", resp.Status, snippet)
}

// redact strips the URL from a *url.Error, keeping the cause.
func redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// CheckURL reports whether raw is an absolute http(s) URL. The error never
// contains the URL, which is a credential for chat webhooks.
func CheckURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("url must be an absolute http(s) URL")
	}
	return nil
}

// JSON encodes payload and posts it with Do: the whole Notify of the
// notifiers whose message is one JSON document.
func JSON(ctx context.Context, client *http.Client, rawURL string, payload any) (retry bool, err error) {
	body, err := json.Marshal(payload)
	if err != nil {
		return false, fmt.Errorf("encode: %w", err)
	}
	return Do(ctx, client, Request{URL: rawURL, ContentType: "application/json", Body: body})
}
