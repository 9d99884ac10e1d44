package query

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/state"
)

// View is a plugin's declared way of being drawn (manifest "view"): kind
// line, percent, state or messages, a unit and an optional axis range.
// It is data from an uploaded archive, never markup or code.
type View struct {
	Kind string   `json:"kind"`
	Unit string   `json:"unit"`
	Min  *float64 `json:"min"`
	Max  *float64 `json:"max"`
}

// Numeric reports whether the plugin's values are drawn as a line.
func (v View) Numeric() bool { return v.Kind != "state" && v.Kind != "messages" }

// PluginState is the current state of one plugin on a host (the worst of
// its checks, the latest value), with what is needed to draw its graph.
type PluginState struct {
	PluginID string
	Name     string
	View     View
	Time     time.Time
	Value    *float64
	Message  string
	State    state.State
	Since    time.Time
}

// hostPluginsSQL picks per plugin the check row with the worst state, then
// the newest; the view comes from the active version's manifest.
const hostPluginsSQL = `SELECT DISTINCT ON (cs.plugin_id) cs.plugin_id, p.name,
		coalesce(v.manifest->'view', '{}'::jsonb), cs.time, cs.value, cs.message, cs.classification, cs.since
	FROM current_state cs
	JOIN plugins p ON p.id = cs.plugin_id
	LEFT JOIN plugin_versions v ON v.plugin_id = p.id AND v.version = p.active_version
	WHERE cs.host_id = $1
	ORDER BY cs.plugin_id, cs.severity DESC, cs.time DESC`

// HostPlugins lists the current state of every plugin reporting on a host,
// ordered by plugin id.
func HostPlugins(ctx context.Context, db Querier, hostID int64) ([]PluginState, error) {
	rows, _ := db.Query(ctx, hostPluginsSQL, hostID)
	var out []PluginState
	var p PluginState
	var view []byte
	_, err := pgx.ForEachRow(rows, []any{&p.PluginID, &p.Name, &view, &p.Time, &p.Value, &p.Message, &p.State, &p.Since}, func() error {
		p.View = View{Kind: "line"}
		if json.Unmarshal(view, &p.View) != nil || p.View.Kind == "" {
			p.View = View{Kind: "line"} // a malformed view draws a plain line
		}
		if p.View.Kind == "percent" && p.View.Min == nil && p.View.Max == nil {
			lo, hi := 0.0, 100.0
			p.View.Min, p.View.Max = &lo, &hi
		}
		out = append(out, p)
		p = PluginState{}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("query: plugins of host %d: %w", hostID, err)
	}
	return out, nil
}
