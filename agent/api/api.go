// Package api holds the JSON bodies of agent protocol v1, shared by the agent
// (agent), the core's client (agent/client) and the mock agent (agent/mock),
// so the three cannot drift apart. docs/agent.md describes each call.
package api

import "github.com/prophasis/prophasis/agent/perfdata"

// Version is the protocol version; it is the first path segment ("/v1/...").
const Version = "v1"

// Ping answers GET /v1/ping.
type Ping struct {
	Protocol      string  `json:"protocol"`
	AgentVersion  string  `json:"agent_version"`
	OS            string  `json:"os"`
	Arch          string  `json:"arch"`
	Hostname      string  `json:"hostname"`
	UptimeSeconds float64 `json:"uptime_seconds"`
}

// Plugin is one installed plugin in GET /v1/plugins and the answer to PUT.
type Plugin struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	SHA256  string `json:"sha256"`
}

// Plugins answers GET /v1/plugins.
type Plugins struct {
	Plugins []Plugin `json:"plugins"`
}

// SHA256Header carries the expected archive digest on PUT /v1/plugins/{id}
// (the query parameter "sha256" is accepted too).
const SHA256Header = "X-Prophasis-SHA256"

// RunRequest is the body of POST /v1/plugins/{id}/run.
type RunRequest struct {
	Args map[string]string `json:"args,omitempty"`
	// TimeoutMS overrides the manifest's timeout; 0 keeps it. The agent
	// clamps it to its configured maximum.
	TimeoutMS int64 `json:"timeout_ms,omitempty"`
}

// Run statuses: whether the agent got a result from the plugin.
const (
	StatusOK      = "ok"
	StatusError   = "error"
	StatusTimeout = "timeout"
)

// RunResult answers POST /v1/plugins/{id}/run.
type RunResult struct {
	// Value is null when the plugin gave no number.
	Value   *float64 `json:"value"`
	Message string   `json:"message"`
	// Status is ok (the plugin produced a result), error (it could not run
	// or its output was unreadable) or timeout (killed at the deadline).
	Status string `json:"status"`
	// PluginState is the Nagios state for nagios plugins (ok, warning,
	// critical, unknown from exit codes 0..3); empty for json plugins.
	PluginState     string           `json:"plugin_state,omitempty"`
	ExitCode        int              `json:"exit_code"`
	DurationMS      int64            `json:"duration_ms"`
	Perfdata        []perfdata.Point `json:"perfdata,omitempty"`
	OutputTruncated bool             `json:"output_truncated"`
	// PluginVersion and PluginSHA256 identify what actually ran.
	PluginVersion string `json:"plugin_version,omitempty"`
	PluginSHA256  string `json:"plugin_sha256,omitempty"`
}

// Error codes in error bodies, so the client can map them without parsing
// messages.
const (
	CodeUnauthorized   = "unauthorized"
	CodeRateLimited    = "rate_limited"
	CodeBadRequest     = "bad_request"
	CodeNotFound       = "not_found"
	CodeSHA256Mismatch = "sha256_mismatch"
	CodeInvalidPlugin  = "invalid_plugin"
	CodeBusy           = "busy"
	CodeInternal       = "internal"
)

// Error is the body of every non-2xx answer.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"error"`
}
