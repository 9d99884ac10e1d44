package client

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/prophasis/prophasis/agent/api"
	"github.com/prophasis/prophasis/agent/perfdata"
)

// Result is the outcome of one check run, whatever happened: failures are
// results too (Status says which kind), so the scheduler stores every run.
type Result struct {
	Status Status
	// Value is nil when the plugin gave no number or the run failed.
	Value   *float64
	Message string
	// PluginState is the Nagios state (ok, warning, critical, unknown) of
	// nagios plugins.
	PluginState     string
	ExitCode        int
	Duration        time.Duration
	Perfdata        []perfdata.Point
	OutputTruncated bool
	// PluginVersion and PluginSHA256 identify the version that ran.
	PluginVersion string
	PluginSHA256  string
}

// Run syncs the plugin to the host if needed and runs it with args. The
// plugin's timeout on the agent is derived from ctx's deadline minus a
// margin (a tenth, at least 500ms), so the agent reports "timeout" before
// the core's own deadline cuts the call; without a deadline,
// Options.RunTimeout is used.
func (c *Client) Run(ctx context.Context, host HostConn, pluginID string, src ArchiveSource, args map[string]string) Result {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.opts.RunTimeout+time.Second)
		defer cancel()
	}
	if err := c.Sync(ctx, host, pluginID, src); err != nil {
		return failed(err)
	}
	res, err := c.run(ctx, host, pluginID, args)
	var e *Error
	if errors.As(err, &e) && e.Code == api.CodeNotFound {
		// The agent lost the plugin (reinstalled, plugin dir wiped): push it again once.
		c.forget(host, pluginID)
		if err := c.Sync(ctx, host, pluginID, src); err != nil {
			return failed(err)
		}
		res, err = c.run(ctx, host, pluginID, args)
	}
	if err != nil {
		return failed(err)
	}
	if res.PluginSHA256 != src.SHA256() {
		c.forget(host, pluginID)
	}
	return res
}

func (c *Client) run(ctx context.Context, host HostConn, pluginID string, args map[string]string) (Result, error) {
	deadline, _ := ctx.Deadline()
	left := time.Until(deadline)
	timeout := left - max(left/10, 500*time.Millisecond)
	if timeout <= 0 {
		return Result{}, &Error{Status: StatusTimeout, Op: "run", Err: context.DeadlineExceeded}
	}
	body, _ := json.Marshal(api.RunRequest{Args: args, TimeoutMS: max(timeout.Milliseconds(), 1)})
	var r api.RunResult
	if err := c.call(ctx, host, "run", http.MethodPost, "/v1/plugins/"+pluginID+"/run", nil, body, &r); err != nil {
		return Result{}, err
	}
	return fromAPI(r), nil
}

func fromAPI(r api.RunResult) Result {
	status := StatusOK
	switch r.Status {
	case api.StatusOK:
	case api.StatusTimeout:
		status = StatusTimeout
	default:
		status = StatusPluginError
	}
	if len(r.Message) > maxMessage {
		r.Message = strings.ToValidUTF8(r.Message[:maxMessage], "")
	}
	if len(r.Perfdata) > perfdata.MaxPoints {
		r.Perfdata = r.Perfdata[:perfdata.MaxPoints]
	}
	return Result{
		Status: status, Value: r.Value, Message: r.Message, PluginState: r.PluginState,
		ExitCode: r.ExitCode, Duration: time.Duration(r.DurationMS) * time.Millisecond,
		Perfdata: r.Perfdata, OutputTruncated: r.OutputTruncated,
		PluginVersion: r.PluginVersion, PluginSHA256: r.PluginSHA256,
	}
}

// maxMessage bounds a message from an agent, as the agent itself does.
const maxMessage = 4 << 10

func failed(err error) Result {
	return Result{Status: StatusOf(err), Message: err.Error(), ExitCode: -1}
}
