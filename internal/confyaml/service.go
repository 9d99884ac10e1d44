package confyaml

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/storage"
)

// Service depends on hosts, host groups and redundancy groups (of which one
// member must be up).
type Service struct {
	Name        string       `yaml:"name"`
	Description string       `yaml:"description,omitempty"`
	Hosts       []string     `yaml:"hosts,omitempty"`
	Groups      []string     `yaml:"groups,omitempty"`
	Redundancy  []Redundancy `yaml:"redundancy_groups,omitempty"`
}

// Redundancy is a named set of interchangeable hosts and host groups.
type Redundancy struct {
	Name   string   `yaml:"name"`
	Hosts  []string `yaml:"hosts,omitempty"`
	Groups []string `yaml:"groups,omitempty"`
}

func normalizeService(s Service) Service {
	s.Hosts, s.Groups, s.Redundancy = nilIfEmpty(s.Hosts), nilIfEmpty(s.Groups), nilIfEmpty(s.Redundancy)
	for i := range s.Redundancy {
		s.Redundancy[i].Hosts, s.Redundancy[i].Groups = nilIfEmpty(s.Redundancy[i].Hosts), nilIfEmpty(s.Redundancy[i].Groups)
	}
	return s
}

func sameService(a, b Service) bool {
	byName := func(x, y Redundancy) int { return strings.Compare(x.Name, y.Name) }
	ra, rb := slices.Clone(a.Redundancy), slices.Clone(b.Redundancy)
	slices.SortFunc(ra, byName)
	slices.SortFunc(rb, byName)
	return a.Description == b.Description && sameSet(a.Hosts, b.Hosts) && sameSet(a.Groups, b.Groups) &&
		slices.EqualFunc(ra, rb, func(x, y Redundancy) bool {
			return x.Name == y.Name && sameSet(x.Hosts, y.Hosts) && sameSet(x.Groups, y.Groups)
		})
}

// loadServices reads every service with member names.
func loadServices(ctx context.Context, db storage.DBTX, c *current, hostNames, groupNames map[int64]string) error {
	services, err := storage.ServiceStructures(ctx, db)
	if err != nil {
		return fmt.Errorf("confyaml: export: %w", err)
	}
	// The structure has no descriptions; they are one small query away.
	descriptions := map[int64]string{}
	rows, _ := db.Query(ctx, `SELECT id, description FROM services`)
	var id int64
	var description string
	if _, err := pgx.ForEachRow(rows, []any{&id, &description}, func() error { descriptions[id] = description; return nil }); err != nil {
		return fmt.Errorf("confyaml: export services: %w", err)
	}
	for _, s := range services {
		out := Service{Name: s.Name, Description: descriptions[s.ID], Hosts: names(s.Hosts, hostNames), Groups: names(s.Groups, groupNames)}
		for _, r := range s.Redundancy {
			out.Redundancy = append(out.Redundancy, Redundancy{Name: r.Name, Hosts: names(r.Hosts, hostNames), Groups: names(r.Groups, groupNames)})
		}
		slices.SortFunc(out.Redundancy, func(x, y Redundancy) int { return strings.Compare(x.Name, y.Name) })
		c.services[s.Name] = s.ID
		c.file.Services = append(c.file.Services, normalizeService(out))
	}
	return nil
}

// saveService creates (id 0) or replaces a service with its structure and
// returns its id.
func saveService(ctx context.Context, db storage.DBTX, id int64, s Service, hostIDs, groupIDs map[string]int64) (int64, error) {
	in := storage.ServiceInput{Name: s.Name, Description: s.Description, Hosts: lookup(s.Hosts, hostIDs), Groups: lookup(s.Groups, groupIDs)}
	for _, r := range s.Redundancy {
		in.Redundancy = append(in.Redundancy, storage.RedundancyGroup{Name: r.Name, Hosts: lookup(r.Hosts, hostIDs), Groups: lookup(r.Groups, groupIDs)})
	}
	id, err := storage.SaveService(ctx, db, id, in)
	if err != nil {
		return 0, fmt.Errorf("confyaml: service %q: %w", s.Name, err)
	}
	return id, nil
}
