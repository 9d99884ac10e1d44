package demo

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/storage"
)

// copyBatch bounds the rows of one COPY.
const copyBatch = 50_000

// writeHistory stores the generated history with COPY.
func writeHistory(ctx context.Context, tx pgx.Tx, h history) error {
	for i := 0; i < len(h.results); i += copyBatch {
		if _, err := storage.CopyResults(ctx, tx, h.results[i:min(i+copyBatch, len(h.results))]); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}
	if err := storage.CopyStateChanges(ctx, tx, h.changes); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if err := storage.CopyHealthChanges(ctx, tx, h.health); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if err := storage.UpsertCurrentStates(ctx, tx, h.current); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	return nil
}
