package bench

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
)

// b6Sizes are the bytes of the results hypertable (all chunks, indexes
// and TOAST) before and after compression, and the compressed bytes of
// each column of the compressed chunks.
type b6Sizes struct {
	before, after [3]int64 // heap, indexes, TOAST
	chunks        int
	columns       []b6Column
}

type b6Column struct {
	name  string
	bytes int64
}

// b6Compress analyzes results, reads its size, compresses every chunk and
// reads the sizes again.
func b6Compress(ctx context.Context, env *Env) (b6Sizes, error) {
	var m b6Sizes
	if _, err := env.DB.Exec(ctx, `ANALYZE results`); err != nil {
		return m, fmt.Errorf("bench: b6 analyze: %w", err)
	}
	if err := b6Detailed(ctx, env, &m.before); err != nil {
		return m, err
	}
	if err := env.DB.QueryRow(ctx, `SELECT count(compress_chunk(c, true)) FROM show_chunks('results') c`).Scan(&m.chunks); err != nil {
		return m, fmt.Errorf("bench: b6 compress: %w", err)
	}
	if err := b6Detailed(ctx, env, &m.after); err != nil {
		return m, err
	}
	var err error
	m.columns, err = b6Columns(ctx, env)
	return m, err
}

func b6Detailed(ctx context.Context, env *Env, into *[3]int64) error {
	err := env.DB.QueryRow(ctx, `SELECT table_bytes, index_bytes, toast_bytes FROM hypertable_detailed_size('results')`).
		Scan(&into[0], &into[1], &into[2])
	if err != nil {
		return fmt.Errorf("bench: b6 size: %w", err)
	}
	return nil
}

// b6CompressedChunks lists the compressed chunk relations of results from
// TimescaleDB's catalog (no public view names them).
const b6CompressedChunks = `
SELECT c.schema_name, c.table_name
FROM _timescaledb_catalog.chunk ch
JOIN _timescaledb_catalog.chunk c ON c.id = ch.compressed_chunk_id
JOIN _timescaledb_catalog.hypertable h ON h.id = ch.hypertable_id
WHERE h.table_name = 'results'`

// b6Columns sums pg_column_size of every column over the compressed
// chunks: the stored (compressed, possibly TOASTed) size of each column,
// largest first.
func b6Columns(ctx context.Context, env *Env) ([]b6Column, error) {
	rows, err := env.DB.Query(ctx, b6CompressedChunks)
	if err != nil {
		return nil, fmt.Errorf("bench: b6 compressed chunks: %w", err)
	}
	rels, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (pgx.Identifier, error) {
		var schema, table string
		err := r.Scan(&schema, &table)
		return pgx.Identifier{schema, table}, err
	})
	if err != nil {
		return nil, fmt.Errorf("bench: b6 compressed chunks: %w", err)
	}
	sums := map[string]int64{}
	for _, rel := range rels {
		if err := b6AddColumns(ctx, env, rel, sums); err != nil {
			return nil, err
		}
	}
	var out []b6Column
	for name, n := range sums {
		out = append(out, b6Column{name, n})
	}
	slices.SortFunc(out, func(a, b b6Column) int { return cmp.Or(cmp.Compare(b.bytes, a.bytes), strings.Compare(a.name, b.name)) })
	return out, nil
}

// b6AddColumns adds the column sizes of one compressed chunk to sums.
func b6AddColumns(ctx context.Context, env *Env, rel pgx.Identifier, sums map[string]int64) error {
	rows, err := env.DB.Query(ctx, `SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
		rel.Sanitize())
	if err != nil {
		return fmt.Errorf("bench: b6 columns: %w", err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return fmt.Errorf("bench: b6 columns: %w", err)
	}
	exprs := make([]string, len(names))
	for i, n := range names {
		exprs[i] = fmt.Sprintf("coalesce(sum(pg_column_size(%s)), 0)::bigint", pgx.Identifier{n}.Sanitize())
	}
	got := make([]int64, len(names))
	dest := make([]any, len(names))
	for i := range got {
		dest[i] = &got[i]
	}
	q := "SELECT " + strings.Join(exprs, ", ") + " FROM " + rel.Sanitize()
	if err := env.DB.QueryRow(ctx, q).Scan(dest...); err != nil {
		return fmt.Errorf("bench: b6 column sizes: %w", err)
	}
	for i, n := range names {
		sums[n] += got[i]
	}
	return nil
}
