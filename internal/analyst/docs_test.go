package analyst_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgtest"
)

// sqlBlock finds the ```sql blocks of a Markdown file and their names.
var sqlBlock = regexp.MustCompile("(?s)```sql\n(-- example: ([a-z_]+)\n.*?)```")

// docExamples reads every ```sql block of docs/sql.md by example name.
func docExamples(t *testing.T) map[string]string {
	t.Helper()
	doc, err := os.ReadFile("../../docs/sql.md")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, m := range sqlBlock.FindAllStringSubmatch(string(doc), -1) {
		out[m[2]] = m[1]
	}
	if n := strings.Count(string(doc), "```sql"); n != len(out) {
		t.Fatalf("docs/sql.md has %d sql blocks but %d named examples: start each with `-- example: name`", n, len(out))
	}
	return out
}

// exampleWant gives each example of docs/sql.md its expected rows on the
// data of seedDocs, cells joined with " | ".
func exampleWant(d docsData) map[string][]string {
	days := d.lastMonth.AddDate(0, 1, 0).Sub(d.lastMonth).Hours() / 24
	okPercent := func(hoursDown float64) string {
		p := 100 * (days*24 - hoursDown) / (days * 24)
		return strconv.FormatFloat(math.Round(p*1000)/1000, 'f', -1, 64)
	}
	return map[string][]string{
		"problems_now": {"db1 | Disk usage | major | disk 92% full", "web2 | Load average | minor | load 6.2"},
		"changed_before_outage": {
			"2026-03-10 13:20 | db1 | Disk usage | minor | major | disk 92% full | 1h40m0s",
			"2026-03-10 13:45 | db1 | Load average | ok | critical | load 31.5 | 1h15m0s",
			"2026-03-10 14:00 | web1 | HTTP | ok | critical | HTTP 502 | 10m0s",
		},
		"disk_growth": {"db1 | 45", "web2 | 30", "web1 | 5"},
		"availability_last_month": {
			"web1 | " + okPercent(6) + " | 6", "db1 | " + okPercent(1.5) + " | 1.5", "web2 | 100 | 0",
		},
		"busiest_hour_of_week": {"Tue | 14 | 9", "Mon | 9 | 6", "Fri | 17 | 4"},
		"alerts_last_week":     {"Disk critical | 2 | 0", "HTTP down | 1 | 1"},
	}
}

// TestDocExamplesGiveTheDocumentedResults runs every example of
// docs/sql.md as a reader role, in a session whose time zone is not UTC,
// and checks its rows.
func TestDocExamplesGiveTheDocumentedResults(t *testing.T) {
	examples := docExamples(t)
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) {
		want := exampleWant(seedDocs(t, db))
		for name := range examples {
			if _, ok := want[name]; !ok {
				t.Errorf("example %s in docs/sql.md has no expected result in this test", name)
			}
		}
		conn := connectAs(t, db, newReader(t, db, 0))
		ctx := context.Background()
		if _, err := conn.Exec(ctx, `SET TIME ZONE 'America/New_York'`); err != nil {
			t.Fatal(err)
		}
		for name, w := range want {
			q, ok := examples[name]
			if !ok {
				t.Errorf("example %s is missing from docs/sql.md", name)
				continue
			}
			rows, err := conn.Query(ctx, q)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			var got []string
			for rows.Next() {
				vals, err := rows.Values()
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				cells := make([]string, len(vals))
				for i, v := range vals {
					cells[i] = cell(v)
				}
				got = append(got, strings.Join(cells, " | "))
			}
			if err := rows.Err(); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !slices.Equal(got, w) {
				t.Errorf("example %s:\n got %q\nwant %q", name, got, w)
			}
		}
	})
}

// cell formats one value the way the expectations are written.
func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case time.Time:
		return x.UTC().Format("2006-01-02 15:04")
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case pgtype.Numeric:
		f, err := x.Float64Value()
		if err != nil {
			return err.Error()
		}
		return strconv.FormatFloat(f.Float64, 'f', -1, 64)
	case pgtype.Interval:
		return (time.Duration(x.Days)*24*time.Hour + time.Duration(x.Microseconds)*time.Microsecond).String()
	}
	return fmt.Sprint(v)
}
