package doctor

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/prophasis/prophasis/internal/storage"
)

// WriteTable prints findings as aligned columns for a terminal.
func WriteTable(w io.Writer, findings []Finding) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CHECK\tSTATUS\tMESSAGE")
	for _, f := range findings {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", oneLine(f.Check), f.Status, oneLine(f.Message))
	}
	return tw.Flush()
}

// oneLine folds newlines and tabs (driver errors have them; host names
// come from users) so each finding stays one row.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// severities maps a finding to the system log's severity.
var severities = map[Status]string{OK: storage.LogInfo, Warn: storage.LogWarning, Fail: storage.LogError}

// Log writes the findings to the system log (category "doctor"), so a
// failing database job is noticed in the web app too, not only by whoever
// ran the command.
func Log(ctx context.Context, db storage.DBTX, findings []Finding) error {
	entries := make([]storage.LogEntry, 0, len(findings))
	for _, f := range findings {
		entries = append(entries, storage.LogEntry{Category: "doctor", Severity: severities[f.Status],
			Message: f.Check + ": " + f.Message, Details: map[string]any{"check": f.Check, "status": string(f.Status)}})
	}
	if len(entries) == 0 {
		return nil
	}
	if err := storage.AppendSystemLog(ctx, db, entries...); err != nil {
		return fmt.Errorf("doctor: %w", err)
	}
	return nil
}
