package ingest

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/storage"
)

// alertTimeout bounds handing one batch's transitions to the alert engine.
const alertTimeout = 10 * time.Second

// flush writes batch and returns how many of its leading results are done
// (written, or rejected and logged). A non-nil error means the database is
// unreachable and batch[n:] must wait. When the database refuses the batch
// itself, the results are written one by one so that one bad row (say, a
// host deleted meanwhile) costs only itself.
func (w *Writer) flush(ctx context.Context, batch []item) (int, error) {
	trs, err := w.store(ctx, batch)
	if err == nil {
		w.stats.written.Add(int64(len(batch)))
		w.handOff(ctx, trs)
		return len(batch), nil
	}
	if !refused(err) {
		return 0, err
	}
	for i := range batch {
		trs, err := w.store(ctx, batch[i:i+1])
		switch {
		case err == nil:
			w.stats.written.Add(1)
			w.handOff(ctx, trs)
		case refused(err):
			w.reject(ctx, batch[i], err)
		default:
			return i, err
		}
	}
	return len(batch), nil
}

// refused reports whether the database answered err about the data itself
// (SQLSTATE class 22, data exception, or 23, integrity constraint: a host
// deleted meanwhile), so retrying the same rows can never succeed. Every
// other failure (connection, timeout, shutdown, resources, conflicts, and a
// broken schema or missing permission an operator can fix) keeps the rows
// and is retried.
func refused(err error) bool {
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) {
		return false
	}
	return strings.HasPrefix(pgErr.Code, "22") || strings.HasPrefix(pgErr.Code, "23")
}

// reject logs a result the database refused, with enough to find it.
func (w *Writer) reject(ctx context.Context, it item, err error) {
	w.stats.rejected.Add(1)
	r := it.row
	w.logger.Error("result rejected by the database", "host_id", r.HostID, "plugin", r.PluginID, "err", err)
	w.syslog.Write(ctx, storage.LogEntry{Category: "ingest", Severity: storage.LogError,
		Message: "result rejected by the database: " + err.Error(),
		Details: map[string]any{"host_id": r.HostID, "host": it.hostName, "plugin_id": r.PluginID,
			"check_id": r.CheckID, "time": r.Time, "status": r.Status, "classification": r.Classification}})
}

// handOff gives committed transitions to the alert engine. A failure is
// logged, never retried into the batch: the results are already stored.
func (w *Writer) handOff(ctx context.Context, trs []alert.Transition) {
	if w.alerter == nil || len(trs) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, alertTimeout)
	defer cancel()
	if err := w.alerter.Handle(ctx, trs); err != nil {
		w.logger.Error("alert engine refused transitions", "count", len(trs), "err", err)
		w.syslog.Write(ctx, storage.LogEntry{Category: "ingest", Severity: storage.LogError,
			Message: "health transitions not handed to alerting: " + err.Error(),
			Details: map[string]any{"transitions": len(trs)}})
	}
}

func sortedHosts[V any](m map[int64]V) []int64 { return slices.Sorted(maps.Keys(m)) }
