package ingest

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/internal/storage"
)

// Lookup reads what a classification needs besides the result (the host's
// name and groups, the check's name, the classifier's code) and caches it
// for a short time, so a busy core asks the database about each host,
// check and classifier a few times a minute rather than once per result.
type Lookup struct {
	db          storage.DBTX
	ttl         time.Duration
	hosts       cache[int64, classify.Host]
	checks      cache[int64, string]
	classifiers cache[classifierKey, *classify.Classifier]
}

type classifierKey struct {
	plugin string
	check  int64
}

// NewLookup returns a Lookup whose answers are at most ttl old.
func NewLookup(db storage.DBTX, ttl time.Duration) *Lookup {
	return &Lookup{db: db, ttl: ttl}
}

// Host returns the host's name and direct groups.
func (l *Lookup) Host(ctx context.Context, id int64) (classify.Host, error) {
	return l.hosts.get(ctx, id, l.ttl, func(ctx context.Context) (classify.Host, error) {
		const q = `SELECT h.name, coalesce(array_agg(g.name ORDER BY g.name) FILTER (WHERE g.id IS NOT NULL), '{}')
			FROM hosts h
			LEFT JOIN host_group_hosts m ON m.host_id = h.id
			LEFT JOIN host_groups g ON g.id = m.group_id
			WHERE h.id = $1 GROUP BY h.name`
		h := classify.Host{ID: id}
		err := l.db.QueryRow(ctx, q, id).Scan(&h.Name, &h.Groups)
		return h, err
	})
}

// CheckName returns the check's name; "" for pushed results (id 0).
func (l *Lookup) CheckName(ctx context.Context, id int64) (string, error) {
	if id == 0 {
		return "", nil
	}
	return l.checks.get(ctx, id, l.ttl, func(ctx context.Context) (string, error) {
		var name string
		err := l.db.QueryRow(ctx, `SELECT name FROM checks WHERE id = $1`, id).Scan(&name)
		return name, err
	})
}

// Classifier returns the classifier of a plugin in a check: the check's
// own when it has one, else the plugin's default; nil when neither exists.
func (l *Lookup) Classifier(ctx context.Context, pluginID string, checkID int64) (*classify.Classifier, error) {
	return l.classifiers.get(ctx, classifierKey{pluginID, checkID}, l.ttl, func(ctx context.Context) (*classify.Classifier, error) {
		const q = `SELECT id, version, code, history_depth FROM classifiers
			WHERE plugin_id = $1 AND (check_id = $2 OR check_id IS NULL)
			ORDER BY check_id NULLS LAST LIMIT 1`
		var id, version int64
		var c classify.Classifier
		err := l.db.QueryRow(ctx, q, pluginID, checkID).Scan(&id, &version, &c.Code, &c.HistoryDepth)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, nil
		}
		c.ID, c.Version = strconv.FormatInt(id, 10), strconv.FormatInt(version, 10)
		return &c, err
	})
}

// cache is a map of values loaded on demand and kept for a ttl; an expired
// value is still served while reloading it fails.
type cache[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]cached[V]
}

type cached[V any] struct {
	v       V
	expires time.Time
}

func (c *cache[K, V]) get(ctx context.Context, k K, ttl time.Duration, load func(context.Context) (V, error)) (V, error) {
	now := time.Now()
	c.mu.Lock()
	e, ok := c.m[k]
	c.mu.Unlock()
	if ok && now.Before(e.expires) {
		return e.v, nil
	}
	v, err := load(ctx)
	if err != nil {
		if ok { // the database is down: a stale answer beats classifying as unknown
			return e.v, nil
		}
		var zero V
		return zero, fmt.Errorf("ingest: lookup %v: %w", k, err)
	}
	c.mu.Lock()
	if c.m == nil {
		c.m = map[K]cached[V]{}
	}
	c.m[k] = cached[V]{v: v, expires: now.Add(ttl)}
	c.mu.Unlock()
	return v, nil
}
