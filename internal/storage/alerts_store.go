package storage

import (
	"context"
	"time"

	"github.com/prophasis/prophasis/alert"
)

// AlertStore is the engine's alert.Store on PostgreSQL. Now stamps the
// window query (the engine passes its clock in tests).
type AlertStore struct {
	DB    DBTX
	Build ChannelBuilder
	Now   func() time.Time
}

var _ alert.Store = (*AlertStore)(nil)

// Setup loads rules, channels, windows, acknowledgements and groups.
func (s *AlertStore) Setup(ctx context.Context) (alert.Setup, error) {
	return LoadAlertSetup(ctx, s.DB, s.Build, s.Now())
}

// States loads every rule × subject state.
func (s *AlertStore) States(ctx context.Context) ([]alert.Status, error) {
	return AlertStates(ctx, s.DB)
}

// SaveStates upserts states.
func (s *AlertStore) SaveStates(ctx context.Context, states []alert.Status) error {
	return SaveAlertStates(ctx, s.DB, states)
}

// AppendLog writes the alert log.
func (s *AlertStore) AppendLog(ctx context.Context, entries []alert.LogEntry) error {
	return AppendAlertLog(ctx, s.DB, entries)
}

// ClearAcks closes acknowledgements of recovered subjects.
func (s *AlertStore) ClearAcks(ctx context.Context, subjects []alert.SubjectRef, at time.Time) error {
	return ClearAcknowledgements(ctx, s.DB, subjects, at)
}
