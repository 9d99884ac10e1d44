package classify

import (
	"context"
	"log/slog"
)

// LogSink is an ErrorSink that writes classifier failures to a logger, for
// tools and tests that have no system log.
type LogSink struct {
	Logger *slog.Logger
}

var _ ErrorSink = LogSink{}

// ClassifierFailed implements ErrorSink.
func (s LogSink) ClassifierFailed(ctx context.Context, r Report) {
	attrs := []slog.Attr{
		slog.String("classifier", r.Err.ClassifierID), slog.String("version", r.Err.Version),
		slog.String("kind", string(r.Err.Kind)), slog.Int("line", r.Err.Line),
		slog.String("error", r.Err.Message), slog.Int("suppressed", r.Suppressed),
	}
	if !r.OpenUntil.IsZero() {
		attrs = append(attrs, slog.Time("paused_until", r.OpenUntil))
	}
	s.Logger.LogAttrs(ctx, slog.LevelWarn, "classifier failed", attrs...)
}
