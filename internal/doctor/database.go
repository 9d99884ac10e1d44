package doctor

import (
	"context"
	"errors"
	"fmt"

	"github.com/prophasis/prophasis/internal/schema"
)

func (d *Doctor) reachable(ctx context.Context) []Finding {
	var version string
	if err := d.DB.QueryRow(ctx, `SELECT current_setting('server_version')`).Scan(&version); err != nil {
		return finding("database", Fail, fmt.Sprintf("unreachable: %v", err))
	}
	return finding("database", OK, "PostgreSQL "+version)
}

// mode is the recorded storage mode, read again by the checks that depend
// on it so each check stands alone.
func (d *Doctor) mode(ctx context.Context) (schema.Status, error) {
	conn, err := d.DB.Acquire(ctx)
	if err != nil {
		return schema.Status{}, err
	}
	defer conn.Release()
	return schema.Check(ctx, conn.Conn())
}

func (d *Doctor) schema(ctx context.Context) []Finding {
	st, err := d.mode(ctx)
	var out []Finding
	switch {
	case errors.Is(err, schema.ErrOutOfDate):
		out = finding("schema", Fail, fmt.Sprintf("version %d of %d: run prophasis migrate", st.Version, st.Latest))
	case errors.Is(err, schema.ErrTooNew):
		out = finding("schema", Fail, fmt.Sprintf("version %d is newer than this binary (%d): upgrade prophasis", st.Version, st.Latest))
	case err != nil:
		return finding("schema", Fail, err.Error())
	default:
		out = finding("schema", OK, fmt.Sprintf("version %d, up to date", st.Version))
	}
	switch {
	case st.Mode == schema.ModeTimescale && st.Timescale == "":
		return append(out, finding("storage mode", Fail, "timescale mode, but the timescaledb extension is missing")...)
	case st.Mode == schema.ModeTimescale:
		return append(out, finding("storage mode", OK, "timescale (TimescaleDB "+st.Timescale+")")...)
	case st.Mode == "":
		return append(out, finding("storage mode", Fail, "not recorded: the database was never migrated")...)
	}
	return append(out, finding("storage mode", OK, string(st.Mode))...)
}

const diskSQL = `
WITH sizes AS (
    SELECT c.relname AS name,
           CASE WHEN h.hypertable_name IS NOT NULL
                THEN hypertable_size(c.oid) ELSE pg_total_relation_size(c.oid) END AS bytes
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
    LEFT JOIN timescaledb_information.hypertables h
           ON h.hypertable_schema = n.nspname AND h.hypertable_name = c.relname
    WHERE c.relkind IN ('r', 'p')
)
SELECT name, bytes FROM sizes ORDER BY bytes DESC, name LIMIT $1`

const diskPlainSQL = `
SELECT c.relname, pg_total_relation_size(c.oid)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
WHERE c.relkind IN ('r', 'p')
ORDER BY 2 DESC, 1 LIMIT $1`

// disk reports the database size and its largest tables (hypertables with
// their chunks), so growth is visible before the disk fills.
func (d *Doctor) disk(ctx context.Context) []Finding {
	var total int64
	if err := d.DB.QueryRow(ctx, `SELECT pg_database_size(current_database())`).Scan(&total); err != nil {
		return finding("disk", Fail, err.Error())
	}
	out := finding("disk", OK, "database "+bytes(total))
	st, err := d.mode(ctx)
	q := diskPlainSQL
	if err == nil && st.Timescale != "" {
		q = diskSQL
	}
	rows, err := d.DB.Query(ctx, q, 5)
	if err != nil {
		return append(out, finding("disk", Fail, err.Error())...)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var size int64
		if err := rows.Scan(&name, &size); err != nil {
			return append(out, finding("disk", Fail, err.Error())...)
		}
		out = append(out, Finding{Check: "disk", Status: OK, Message: fmt.Sprintf("table %s %s", name, bytes(size))})
	}
	if err := rows.Err(); err != nil {
		return append(out, finding("disk", Fail, err.Error())...)
	}
	return out
}

func bytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
