package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/state"
)

// Result is one classified plugin result as stored in the results table.
// CheckID 0 means a pushed result (NULL in the table); ExitCode and
// DurationMS are nil when the plugin did not run; Perfdata is a JSON array
// or object, nil for none.
type Result struct {
	Time           time.Time
	HostID         int64
	PluginID       string
	CheckID        int64
	Value          *float64
	Message        string
	Status         string
	ExitCode       *int32
	DurationMS     *int32
	Perfdata       []byte
	Classification state.State
	Reason         string
}

// resultColumns is the column order of CopyResults' rows.
var resultColumns = []string{"time", "host_id", "plugin_id", "check_id", "value", "message", "status",
	"exit_code", "duration_ms", "perfdata", "classification", "severity", "reason"}

// CopyResults appends rows to results with COPY, the cheapest bulk write
// PostgreSQL offers; it returns how many rows were written.
func CopyResults(ctx context.Context, db DBTX, rows []Result) (int64, error) {
	n, err := db.CopyFrom(ctx, pgx.Identifier{"results"}, resultColumns, pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) {
		r := &rows[i]
		return []any{r.Time, r.HostID, r.PluginID, nullID(r.CheckID), r.Value, r.Message, r.Status,
			r.ExitCode, r.DurationMS, jsonOrNil(r.Perfdata), string(r.Classification),
			int16(r.Classification.Severity()), r.Reason}, nil
	}))
	if err != nil {
		return n, fmt.Errorf("storage: copy %d results: %w", len(rows), mapErr(err))
	}
	return n, nil
}

// nullID maps the zero id used for "none" in Go to SQL NULL.
func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// jsonOrNil keeps an empty document out of a jsonb column.
func jsonOrNil(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return string(b)
}
