package client

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"

	"github.com/prophasis/prophasis/agent/api"
)

// Status classifies the outcome of a call; it is stored as the result type.
type Status string

// Statuses, mirroring the original's result types.
const (
	// StatusOK: the plugin ran and produced a result.
	StatusOK Status = "ok"
	// StatusPluginError: the plugin ran but failed, printed garbage, or
	// could not be installed.
	StatusPluginError Status = "plugin_error"
	// StatusTimeout: the plugin or the call ran out of time.
	StatusTimeout Status = "timeout"
	// StatusConnectionError: the agent could not be reached.
	StatusConnectionError Status = "connection_error"
	// StatusAuthError: wrong key, rate limited, or the certificate does
	// not match the pinned fingerprint.
	StatusAuthError Status = "auth_error"
	// StatusRequestError: the agent refused the request (bad arguments,
	// protocol mismatch, unexpected answer).
	StatusRequestError Status = "request_error"
)

// Error is every error returned by this package.
type Error struct {
	Status Status
	// Op is the call: ping, list plugins, install, run, fetch fingerprint.
	Op string
	// Code is the agent's error code when it answered with one.
	Code string
	Err  error
}

// Error implements error.
func (e *Error) Error() string { return fmt.Sprintf("agent %s: %v", e.Op, e.Err) }

// Unwrap exposes the cause (e.g. *PinError, context.DeadlineExceeded).
func (e *Error) Unwrap() error { return e.Err }

// StatusOf maps any error from this package (or a transport error) to a
// status. A nil error is StatusOK.
func StatusOf(err error) Status {
	var e *Error
	var pin *PinError
	var netErr net.Error
	var certErr *tls.CertificateVerificationError
	switch {
	case err == nil:
		return StatusOK
	case errors.As(err, &pin), errors.As(err, &certErr):
		return StatusAuthError
	case errors.As(err, &e) && e.Status != "":
		return e.Status
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded),
		errors.As(err, &netErr) && netErr.Timeout():
		return StatusTimeout
	default:
		return StatusConnectionError
	}
}

// httpStatus maps an agent's error answer to a status.
func httpStatus(code int, body api.Error) Status {
	switch {
	case code == http.StatusUnauthorized || code == http.StatusTooManyRequests:
		return StatusAuthError
	case body.Code == api.CodeInvalidPlugin:
		return StatusPluginError
	default:
		return StatusRequestError
	}
}
