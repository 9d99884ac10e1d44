package query_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/query"
)

// topHosts ranks the seeded hosts: host h averages 29.5 + 10(h-1).
func topHosts(t *testing.T, db *pgxpool.Pool) {
	cases := []struct {
		name     string
		hosts    []int64
		from     time.Time
		n        int
		want     []string
		wantAvgs []float64
	}{
		{"30 days from hourly, top 2 of all", nil, monthStart, 2, []string{"host-3", "host-2"}, []float64{49.5, 39.5}},
		{"restricted to hosts 1 and 2", []int64{1, 2}, monthStart, 5, []string{"host-2", "host-1"}, []float64{39.5, 29.5}},
		{"6 hours from raw", nil, monthEnd.Add(-6 * time.Hour), 1, []string{"host-3"}, []float64{49.5}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := query.Top(context.Background(), db, "test.p0", c.hosts, c.from, monthEnd, c.n)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %v; want %v", got, c.want)
			}
			for i := range got {
				if got[i].HostName != c.want[i] || got[i].Avg != c.wantAvgs[i] {
					t.Fatalf("rank %d = %s %.2f; want %s %.2f", i, got[i].HostName, got[i].Avg, c.want[i], c.wantAvgs[i])
				}
			}
			if got[0].Max != 59+10*float64(got[0].HostID-1) {
				t.Fatalf("peak of %s = %v", got[0].HostName, got[0].Max)
			}
		})
	}
}
