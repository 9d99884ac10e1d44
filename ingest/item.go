package ingest

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/prophasis/prophasis/agent/perfdata"
	"github.com/prophasis/prophasis/internal/storage"
)

// maxMessage caps the message stored per result; plugins can print
// megabytes and the table is kept for years.
const maxMessage = 8 << 10

// maxReason caps the classifier's reason.
const maxReason = 1 << 10

// item is an accepted result in the shape the database takes, plus what
// the health transitions tell the alert engine.
type item struct {
	row      storage.Result
	hostName string
}

var validStatus = map[string]bool{"ok": true, "plugin_error": true, "connection_error": true, "timeout": true,
	"auth_error": true, "request_error": true, "sync_error": true, "heartbeat_missed": true}

// newItem validates r and cleans what came from a plugin so that the
// database cannot refuse it: no NUL bytes or invalid UTF-8 in text, no
// infinite or NaN numbers, bounded sizes.
func newItem(r Result) (item, error) {
	switch {
	case r.Job.HostID <= 0 || r.Job.PluginID == "":
		return item{}, fmt.Errorf("%w: host and plugin are required", ErrInvalid)
	case !validStatus[string(r.Status)]:
		return item{}, fmt.Errorf("%w: status %q", ErrInvalid, r.Status)
	case !r.State.IsClassification():
		return item{}, fmt.Errorf("%w: classification %q", ErrInvalid, r.State)
	}
	at := r.Time
	if at.IsZero() {
		at = time.Now()
	}
	row := storage.Result{
		Time: at.UTC(), HostID: r.Job.HostID, PluginID: r.Job.PluginID, CheckID: max(r.Job.CheckID, 0),
		Value: finite(r.Value), Message: cleanText(r.Message, maxMessage), Status: string(r.Status),
		Classification: r.State, Reason: cleanText(r.Reason, maxReason), Perfdata: perfJSON(r.Perfdata),
	}
	if r.Status == "ok" || r.Status == "plugin_error" {
		code := int32(r.ExitCode)
		row.ExitCode = &code
	}
	if r.Duration > 0 {
		ms := int32(min(r.Duration.Milliseconds(), math.MaxInt32))
		row.DurationMS = &ms
	}
	return item{row: row, hostName: r.Job.HostName}, nil
}

// finite drops NaN and infinities, which the schema refuses.
func finite(v *float64) *float64 {
	if v == nil || math.IsNaN(*v) || math.IsInf(*v, 0) {
		return nil
	}
	x := *v
	return &x
}

// cleanText makes s storable as PostgreSQL text, at most n bytes.
func cleanText(s string, n int) string {
	s = strings.ToValidUTF8(strings.ReplaceAll(s, "\x00", ""), "\uFFFD")
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut]
}

// perfJSON encodes perfdata for the jsonb column, with non-finite numbers
// as null (encoding/json refuses them) and text cleaned.
func perfJSON(points []perfdata.Point) []byte {
	if len(points) == 0 {
		return nil
	}
	clean := make([]perfdata.Point, len(points))
	for i, p := range points {
		clean[i] = perfdata.Point{Label: cleanText(p.Label, 256), Value: finite(p.Value), UOM: cleanText(p.UOM, 32),
			Warn: cleanText(p.Warn, 64), Crit: cleanText(p.Crit, 64), Min: finite(p.Min), Max: finite(p.Max)}
	}
	b, err := json.Marshal(clean)
	if err != nil { // cannot happen with finite numbers and valid UTF-8
		return nil
	}
	return b
}
