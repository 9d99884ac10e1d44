package confyaml

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/storage"
)

// Change is one difference between the database and a file.
type Change struct {
	Action string // create, update or delete
	Kind   string // host, host_group, check, service, schedule, notifier, alert_rule, classifier or maintenance_window
	Name   string
}

// String is the change as `config apply` prints it.
func (c Change) String() string {
	sign := map[string]string{"create": "+", "update": "~", "delete": "-"}[c.Action]
	return fmt.Sprintf("%s %s %s", sign, c.Kind, c.Name)
}

// Options tune Apply.
type Options struct {
	DryRun bool   // report the changes, make none
	Dir    string // directory plugin archive paths are relative to
}

// Beginner starts transactions: a *pgxpool.Pool or a *pgx.Conn.
type Beginner interface {
	Begin(ctx context.Context) (pgx.Tx, error)
}

// Apply makes the database's configuration match f in one transaction and
// returns what it changed; with opts.DryRun it changes nothing and returns
// what it would change. Entries are matched by name (a rename is a delete
// and a create). Plugin versions not stored yet are uploaded from their
// archives; plugins are never deleted. Agent keys and notifier secrets are
// kept. Each change is written to the audit log with actor "cli".
func Apply(ctx context.Context, db Beginner, f File, opts Options) ([]Change, error) {
	tx, err := db.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("confyaml: apply: %w", err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	cur, err := load(ctx, tx)
	if err != nil {
		return nil, err
	}
	if err := checkPlugins(f, cur.installed); err != nil {
		return nil, err
	}
	uploads, err := readArchives(cur, f, opts.Dir)
	if err != nil {
		return nil, err
	}
	classifiers, err := wantClassifiers(ctx, tx, cur, f, uploads)
	if err != nil {
		return nil, err
	}
	changes := append(diffPlugins(cur.file.Plugins, f.Plugins), diff(cur.file, f)...)
	changes = append(changes, diffClassifiers(haveClassifiers(cur, uploads), classifiers)...)
	if opts.DryRun || len(changes) == 0 {
		return changes, nil
	}
	if err := savePlugins(ctx, tx, uploads, f.Plugins); err != nil {
		return nil, err
	}
	a := applier{tx: tx, cur: cur, want: f, classifiers: classifiers}
	if err := a.run(ctx, changes); err != nil {
		return nil, err
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("confyaml: apply: %w", err)
	}
	return changes, nil
}

// diff lists creations, updates and deletions, hosts first, by name.
func diff(have, want File) []Change {
	var out []Change
	out = append(out, diffList("host", have.Hosts, want.Hosts, func(h Host) string { return h.Name }, sameHost)...)
	out = append(out, diffList("host_group", have.HostGroups, want.HostGroups, func(g HostGroup) string { return g.Name }, sameGroup)...)
	out = append(out, diffList("check", have.Checks, want.Checks, func(c Check) string { return c.Name }, sameCheck)...)
	out = append(out, diffList("service", have.Services, want.Services, func(s Service) string { return s.Name }, sameService)...)
	out = append(out, diffList("schedule", have.Schedules, want.Schedules, func(s Schedule) string { return s.Name }, sameSchedule)...)
	out = append(out, diffList("notifier", have.Notifiers, want.Notifiers, func(n Notifier) string { return n.Name }, sameNotifier)...)
	out = append(out, diffList("alert_rule", have.AlertRules, want.AlertRules, func(r Rule) string { return r.Name }, sameRule)...)
	out = append(out, diffList("maintenance_window", have.Windows, want.Windows, func(w Window) string { return w.Name }, sameWindow)...)
	return out
}

func diffList[T any](kind string, have, want []T, name func(T) string, same func(a, b T) bool) []Change {
	old := map[string]T{}
	for _, h := range have {
		old[name(h)] = h
	}
	var out []Change
	for _, w := range want {
		h, ok := old[name(w)]
		switch {
		case !ok:
			out = append(out, Change{"create", kind, name(w)})
		case !same(h, w):
			out = append(out, Change{"update", kind, name(w)})
		}
		delete(old, name(w))
	}
	for _, h := range have {
		if _, gone := old[name(h)]; gone {
			out = append(out, Change{"delete", kind, name(h)})
		}
	}
	return out
}

func sameHost(a, b Host) bool {
	return a.Address == b.Address && port(a) == port(b) && a.Description == b.Description &&
		enabled(a) == enabled(b) && a.Fingerprint == b.Fingerprint
}

func sameGroup(a, b HostGroup) bool {
	return a.Description == b.Description && sameSet(a.Hosts, b.Hosts) && sameSet(a.Groups, b.Groups)
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}

func port(h Host) int {
	if h.Port == 0 {
		return defaultPort
	}
	return h.Port
}

func enabled(h Host) bool { return h.Enabled == nil || *h.Enabled }

// storeHost is h as storage writes it (AgentKey nil: keep the stored key).
func storeHost(id int64, h Host) storage.Host {
	return storage.Host{ID: id, Name: h.Name, Address: h.Address, Port: port(h), Description: h.Description,
		Enabled: enabled(h), Fingerprint: h.Fingerprint}
}
