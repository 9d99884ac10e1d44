// Package bootstrap prepares a migrated database for a starting server: the
// stock plugins embedded in this binary and the server-side checks exist as
// plugins with their archives and default classifiers, so checks can name
// them and their results are accepted from the very first start. It runs at
// every start (up and serve) and is idempotent.
package bootstrap

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/agent/bundle"
	"github.com/prophasis/prophasis/agent/stock"
	"github.com/prophasis/prophasis/sched/serverside"
)

// Install stores every stock plugin that changed since the last start and
// creates the server-side check plugins where missing. An admin's edited
// classifier and an admin's uploaded active version are never replaced.
func Install(ctx context.Context, db *pgxpool.Pool, logger *slog.Logger) error {
	bundles, err := stock.All()
	if err != nil {
		return fmt.Errorf("bootstrap: %w", err)
	}
	if err := installBundles(ctx, db, logger, bundles); err != nil {
		return err
	}
	if err := serverside.Install(ctx, db); err != nil {
		return fmt.Errorf("bootstrap: %w", err)
	}
	return nil
}

// installBundles stores each bundle in its own transaction, serialised by
// an advisory lock so two servers starting together do not race.
func installBundles(ctx context.Context, db *pgxpool.Pool, logger *slog.Logger, bundles []bundle.Bundle) error {
	for _, b := range bundles {
		var outcome string
		err := pgx.BeginFunc(ctx, db, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('prophasis.bootstrap.stock'))`); err != nil {
				return err
			}
			var err error
			outcome, err = installBundle(ctx, tx, b)
			return err
		})
		if err != nil {
			return fmt.Errorf("bootstrap: stock plugin %s: %w", b.Manifest.ID, err)
		}
		if outcome != "" {
			logger.Info("stock plugin installed", "plugin", b.Manifest.ID, "version", b.Manifest.Version, "outcome", outcome)
		}
	}
	return nil
}
