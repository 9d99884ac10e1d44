package agent

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/prophasis/prophasis/agent/api"
	"github.com/prophasis/prophasis/agent/manifest"
	"github.com/prophasis/prophasis/agent/perfdata"
	"github.com/prophasis/prophasis/agent/runner"
)

// maxMessage bounds the message kept per result; it is stored for every
// result, so a chatty plugin must not bloat the database.
const maxMessage = 4 << 10

// nagiosStates maps Monitoring Plugins exit codes to their state names.
var nagiosStates = []string{"ok", "warning", "critical", "unknown"}

// interpret turns a finished process into a result according to the
// plugin's protocol. Plugin output is untrusted text: it is cut to valid
// UTF-8 and bounded before it leaves the agent.
func interpret(m *manifest.Manifest, out runner.Output, startErr error, timeout time.Duration) api.RunResult {
	res := api.RunResult{
		ExitCode:        out.ExitCode,
		DurationMS:      out.Duration.Milliseconds(),
		OutputTruncated: out.Truncated,
	}
	switch {
	case startErr != nil:
		res.Status, res.ExitCode, res.Message = api.StatusError, -1, "cannot start plugin: "+startErr.Error()
	case out.TimedOut:
		res.Status, res.Message = api.StatusTimeout, fmt.Sprintf("plugin killed after the %v timeout", timeout)
	case m.Protocol == manifest.ProtocolNagios:
		nagiosResult(m, out, &res)
	default:
		jsonResult(out, &res)
	}
	res.Message = clean(res.Message, maxMessage)
	return res
}

func jsonResult(out runner.Output, res *api.RunResult) {
	var body struct {
		Value   *float64 `json:"value"`
		Message string   `json:"message"`
	}
	dec := json.NewDecoder(bytes.NewReader(out.Stdout))
	err := dec.Decode(&body)
	if err == nil && dec.More() {
		err = fmt.Errorf("more than one JSON value")
	}
	if err != nil {
		res.Status = api.StatusError
		res.Message = fmt.Sprintf("plugin output is not a JSON object {\"value\": ..., \"message\": ...} (%v; exit code %d); output starts with %q",
			err, out.ExitCode, clean(string(out.Stdout), 200))
		if len(out.Stdout) == 0 && len(out.Stderr) > 0 {
			res.Message += fmt.Sprintf("; stderr starts with %q", clean(string(out.Stderr), 200))
		}
		return
	}
	res.Status, res.Value, res.Message = api.StatusOK, body.Value, body.Message
}

func nagiosResult(m *manifest.Manifest, out runner.Output, res *api.RunResult) {
	if out.ExitCode < 0 || out.ExitCode >= len(nagiosStates) {
		res.Status = api.StatusError
		res.Message = fmt.Sprintf("plugin exited with code %d (a Nagios plugin exits 0..3): %q",
			out.ExitCode, clean(string(out.Stdout)+string(out.Stderr), 200))
		return
	}
	o := perfdata.Split(string(out.Stdout))
	res.Status, res.PluginState, res.Message, res.Perfdata = api.StatusOK, nagiosStates[out.ExitCode], o.Text, o.Points
	for i := range res.Perfdata {
		res.Perfdata[i].Label = clean(res.Perfdata[i].Label, 200)
		res.Perfdata[i].UOM = clean(res.Perfdata[i].UOM, 32)
	}
	if m.ValueLabel != "" {
		if p, ok := perfdata.Find(o.Points, m.ValueLabel); ok {
			res.Value = p.Value
		}
	} else if len(o.Points) > 0 {
		res.Value = o.Points[0].Value
	}
}

// clean returns s as valid UTF-8 of at most about n bytes, cut at a rune
// boundary.
func clean(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
