package demo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/agent/mock"
)

// diskFillPerDay is how fast the file server's disk fills: the 28 points
// the generated history climbs over 30 days.
const diskFillPerDay = 28.0 / 30

// simulator computes the mock's answers: the generated history's daily
// curves and noise, the file server's disk still filling from its last
// stored value.
type simulator struct {
	key       string
	addrs     []string // mock address of estate[i]
	diskValue float64
	diskTime  time.Time
}

// newSimulator reads where the file server's disk stands.
func newSimulator(ctx context.Context, db *pgxpool.Pool, key string) (*simulator, error) {
	s := &simulator{key: key, diskValue: 88, diskTime: time.Now()}
	err := db.QueryRow(ctx, `SELECT s.value, s.time FROM current_state s JOIN hosts h ON h.id = s.host_id
		WHERE h.name = 'files-1' AND s.plugin_id = 'demo.disk' AND s.value IS NOT NULL
		ORDER BY s.time DESC LIMIT 1`).Scan(&s.diskValue, &s.diskTime)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("demo: read the file server's disk: %w", err)
	}
	return s, nil
}

// bind records the mock's address for each estate host, in estate order.
func (s *simulator) bind(addrs []string) { s.addrs = addrs }

// data is the mock's data file at now.
func (s *simulator) data(now time.Time) mock.Data {
	rng := rand.New(rand.NewPCG(uint64(now.Unix()), 2))
	d := mock.Data{Key: s.key, Hosts: map[string]map[string]mock.Entry{}}
	for i, h := range estate {
		entries := map[string]mock.Entry{}
		for _, p := range h.plugins {
			v, msg := value(rng, h.name, p, now.UTC(), 0, 1)
			if p == "demo.disk" {
				days := now.Sub(s.diskTime).Hours() / 24
				v = clamp(s.diskValue+diskFillPerDay*max(days, 0)+rng.NormFloat64()*0.2, 0, 99.9)
			}
			entries[p] = mock.Entry{Value: &v, Message: msg}
		}
		d.Hosts[s.addrs[i]] = entries
	}
	return d
}

// write replaces the data file atomically; the mock notices the new file.
func (s *simulator) write(path string, now time.Time) error {
	raw, err := json.MarshalIndent(s.data(now), "", "  ")
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, raw, 0o600); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	return nil
}
