package doctor

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// changesLockKey serialises LogChanges between servers sharing a database.
const changesLockKey int64 = 0x70726f7068646f63

// lastLogged reads the status last written to the system log for each
// check, by Log or LogChanges.
const lastLogged = `SELECT DISTINCT ON (details->>'check') details->>'check', details->>'status'
	FROM system_log WHERE category = 'doctor' AND details ? 'check'
	ORDER BY details->>'check', time DESC, id DESC`

// LogChanges writes to the system log the checks whose status (the worst
// of their findings) differs from the one last logged for them: a problem
// that appears, changes grade or clears. A problem is logged as its
// findings that are not ok, the worst last; a check never logged before is
// written only when it is not ok, so a healthy installation's log stays
// quiet. Comparing with the log rather than with memory, under an
// advisory lock, gives one entry per change however many servers watch and
// however often they restart. It returns how many entries it wrote.
func LogChanges(ctx context.Context, db *pgxpool.Pool, findings []Finding) (int, error) {
	var changed []Finding
	err := pgx.BeginFunc(ctx, db, func(tx pgx.Tx) error {
		var got bool
		if err := tx.QueryRow(ctx, `SELECT pg_try_advisory_xact_lock($1)`, changesLockKey).Scan(&got); err != nil || !got {
			return err // another server is logging this round
		}
		rows, _ := tx.Query(ctx, lastLogged)
		last := map[string]Status{}
		var check, status string
		if _, err := pgx.ForEachRow(rows, []any{&check, &status}, func() error {
			last[check] = Status(status)
			return nil
		}); err != nil {
			return err
		}
		changed = changes(findings, last)
		return Log(ctx, tx, changed)
	})
	if err != nil {
		return 0, fmt.Errorf("doctor: log changes: %w", err)
	}
	return len(changed), nil
}

// changes picks what LogChanges writes, check by check in their order.
func changes(findings []Finding, last map[string]Status) []Finding {
	var out []Finding
	for _, check := range checkOrder(findings) {
		var fs []Finding
		for _, f := range findings {
			if f.Check == check {
				fs = append(fs, f)
			}
		}
		now := Worst(fs)
		was, logged := last[check]
		switch {
		case logged && was == now, !logged && now == OK:
		case now == OK:
			out = append(out, Finding{Check: check, Status: OK, Message: "back to ok: " + fs[0].Message})
		default:
			problems := slices.DeleteFunc(fs, func(f Finding) bool { return f.Status == OK })
			slices.SortStableFunc(problems, func(a, b Finding) int { return rank(a.Status) - rank(b.Status) })
			out = append(out, problems...)
		}
	}
	return out
}

func checkOrder(findings []Finding) []string {
	var out []string
	for _, f := range findings {
		if !slices.Contains(out, f.Check) {
			out = append(out, f.Check)
		}
	}
	return out
}

func rank(s Status) int {
	return map[Status]int{OK: 0, Warn: 1, Fail: 2}[s]
}
