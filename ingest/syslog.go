package ingest

import (
	"context"
	"log/slog"
	"time"

	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/internal/storage"
)

// syslogTimeout bounds one system log write, so an unreachable database
// never holds up the caller for long.
const syslogTimeout = 5 * time.Second

// SystemLog writes problems to the system_log table, where admins see them
// in the web app. A failed write falls back to the process log. It also
// receives classifier failures (classify.ErrorSink).
type SystemLog struct {
	db     storage.DBTX
	logger *slog.Logger
}

var _ classify.ErrorSink = (*SystemLog)(nil)

// NewSystemLog returns a SystemLog writing through db.
func NewSystemLog(db storage.DBTX, logger *slog.Logger) *SystemLog {
	return &SystemLog{db: db, logger: logger.With("component", "syslog")}
}

// Write records e, best effort. A nil *SystemLog discards entries, for
// callers that have no database.
func (s *SystemLog) Write(ctx context.Context, e storage.LogEntry) {
	if s == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), syslogTimeout)
	defer cancel()
	if err := storage.AppendSystemLog(ctx, s.db, e); err != nil {
		s.logger.Warn("system log entry lost", "category", e.Category, "message", e.Message, "err", err)
	}
}

// ClassifierFailed records a classifier failure with its line and message.
func (s *SystemLog) ClassifierFailed(ctx context.Context, r classify.Report) {
	if r.Err == nil {
		return
	}
	details := map[string]any{"classifier_id": r.Err.ClassifierID, "version": r.Err.Version,
		"kind": string(r.Err.Kind), "line": r.Err.Line, "suppressed": r.Suppressed}
	if !r.OpenUntil.IsZero() {
		details["skipped_until"] = r.OpenUntil.UTC()
	}
	s.Write(ctx, storage.LogEntry{Time: r.Time, Category: "classify", Severity: storage.LogError,
		Message: r.Err.Error(), Details: details})
}
