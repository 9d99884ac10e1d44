package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/prophasis/prophasis/agent/api"
	"github.com/prophasis/prophasis/agent/manifest"
)

// call performs one authenticated request and decodes a 200 answer into out.
func (c *Client) call(ctx context.Context, host HostConn, op, method, path string, hdr http.Header, body []byte, out any) error {
	addr := host.address()
	if err := c.pin(addr, host.Fingerprint); err != nil {
		return &Error{Status: StatusRequestError, Op: op, Err: err}
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, "https://"+addr+path, rd)
	if err != nil {
		return &Error{Status: StatusRequestError, Op: op, Err: err}
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	req.SetBasicAuth("core", host.Key)
	resp, err := c.http.Do(req)
	if err != nil {
		return &Error{Status: StatusOf(err), Op: op, Err: err}
	}
	defer resp.Body.Close()
	raw, err := readBody(resp.Body)
	if err != nil {
		return &Error{Status: StatusOf(err), Op: op, Err: err}
	}
	if resp.StatusCode != http.StatusOK {
		var apiErr api.Error
		_ = json.Unmarshal(raw, &apiErr)
		if apiErr.Message == "" {
			apiErr.Message = fmt.Sprintf("%.200q", raw)
		}
		return &Error{Status: httpStatus(resp.StatusCode, apiErr), Op: op, Code: apiErr.Code,
			Err: fmt.Errorf("HTTP %d: %s", resp.StatusCode, apiErr.Message)}
	}
	if err := json.Unmarshal(raw, out); err != nil {
		if ctx.Err() != nil {
			// The answer was cut short because our deadline passed while it
			// was on its way: that is a timeout, not a malformed agent reply.
			return &Error{Status: StatusTimeout, Op: op, Err: fmt.Errorf("answer cut short: %w", ctx.Err())}
		}
		return &Error{Status: StatusRequestError, Op: op, Err: fmt.Errorf("unreadable answer: %w", err)}
	}
	return nil
}

// Ping checks that the agent is reachable, authentic and accepts the key.
func (c *Client) Ping(ctx context.Context, host HostConn) (api.Ping, error) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.CallTimeout)
	defer cancel()
	var p api.Ping
	err := c.call(ctx, host, "ping", http.MethodGet, "/v1/ping", nil, nil, &p)
	return p, err
}

// Plugins lists the plugins installed on the agent.
func (c *Client) Plugins(ctx context.Context, host HostConn) ([]api.Plugin, error) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.CallTimeout)
	defer cancel()
	var p api.Plugins
	err := c.call(ctx, host, "list plugins", http.MethodGet, "/v1/plugins", nil, nil, &p)
	return p.Plugins, err
}

// Install uploads a plugin archive; the agent verifies it against its sha256.
func (c *Client) Install(ctx context.Context, host HostConn, pluginID string, src ArchiveSource) (api.Plugin, error) {
	if !manifest.ValidID(pluginID) {
		return api.Plugin{}, &Error{Status: StatusRequestError, Op: "install", Err: fmt.Errorf("invalid plugin id %q", pluginID)}
	}
	ctx, cancel := context.WithTimeout(ctx, c.opts.InstallTimeout)
	defer cancel()
	data, err := src.Archive(ctx)
	if err != nil {
		return api.Plugin{}, &Error{Status: StatusPluginError, Op: "install", Err: fmt.Errorf("load archive of %s: %w", pluginID, err)}
	}
	hdr := http.Header{api.SHA256Header: {src.SHA256()}, "Content-Type": {"application/gzip"}}
	var p api.Plugin
	err = c.call(ctx, host, "install", http.MethodPut, "/v1/plugins/"+pluginID, hdr, data, &p)
	if err == nil {
		c.markSynced(host, pluginID, p.SHA256)
	}
	return p, err
}
