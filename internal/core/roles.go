package core

import (
	"fmt"
	"strings"
	"time"

	"github.com/prophasis/prophasis/sched"
)

// Role is one job a server process can take on when the roles are split
// across processes (`prophasis serve --roles=...`).
type Role uint8

// The roles. A process runs a non-empty set of them; see docs/deploy.md.
const (
	// RoleSched runs the scheduler and the dispatcher for the hosts this
	// process holds a lease on, and writes their results itself (ingest is
	// a library writing to the shared database).
	RoleSched Role = 1 << iota
	// RoleIngest accepts pushed results and missed heartbeats, sends the
	// notifications that are due and runs retention.
	RoleIngest
	// RoleWeb serves the web app and the REST API.
	RoleWeb
)

// Roles is a set of roles; the zero value means every role, as one process
// alone runs them.
type Roles uint8

// AllRoles is every role, the default of a single process.
const AllRoles = Roles(RoleSched | RoleIngest | RoleWeb)

var roleNames = []struct {
	name string
	role Role
}{{"sched", RoleSched}, {"ingest", RoleIngest}, {"web", RoleWeb}}

// ParseRoles reads a comma-separated list such as "sched,ingest", so the
// command line can say which parts a process runs. Unknown, empty and
// repeated names are refused with the list of valid ones.
func ParseRoles(s string) (Roles, error) {
	var rs Roles
	for part := range strings.SplitSeq(s, ",") {
		part = strings.ToLower(strings.TrimSpace(part))
		r, ok := roleByName(part)
		switch {
		case part == "":
			return 0, fmt.Errorf("roles %q: empty role; use a comma-separated subset of sched, ingest, web", s)
		case !ok:
			return 0, fmt.Errorf("roles %q: unknown role %q; use a comma-separated subset of sched, ingest, web", s, part)
		case rs&Roles(r) != 0:
			return 0, fmt.Errorf("roles %q: %s given twice", s, part)
		}
		rs |= Roles(r)
	}
	return rs, nil
}

func roleByName(name string) (Role, bool) {
	for _, rn := range roleNames {
		if rn.name == name {
			return rn.role, true
		}
	}
	return 0, false
}

// Has reports whether r is in the set (the zero set holds every role).
func (rs Roles) Has(r Role) bool {
	if rs == 0 {
		rs = AllRoles
	}
	return rs&Roles(r) != 0
}

// String lists the roles in canonical order, as ParseRoles reads them.
func (rs Roles) String() string {
	var names []string
	for _, rn := range roleNames {
		if rs.Has(rn.role) {
			names = append(names, rn.name)
		}
	}
	return strings.Join(names, ",")
}

// Scale says how this process shares the database with other server
// processes. The zero value is one process running every role alone.
type Scale struct {
	// Roles are the parts this process runs; zero: all of them.
	Roles Roles
	// Shared is set when other server processes may run against the same
	// database: schedulers then share the hosts through leases, and every
	// alert engine call is serialised through a PostgreSQL advisory lock.
	Shared bool
	// Holder names this scheduler in the lease table; it must be unique
	// among running processes (default: host name and process id).
	Holder string
	// Leases tunes the lease keeper (TTL 30 s: how long a dead
	// scheduler's hosts go unchecked).
	Leases sched.LeaseConfig
	// AlertRetry is the pause before handing transitions to the alert
	// engine again after a failure (default 1 s).
	AlertRetry time.Duration
}
