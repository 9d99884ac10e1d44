package sched

// LeaseFilter is the Enqueuer a scheduler uses when several schedulers
// share the hosts: it passes on only the jobs of hosts this scheduler holds
// a lease on (for that job's instant) and silently drops the others, which
// belong to another scheduler. Pair it with LocalWalk, so every scheduler
// fires every instant for its own hosts.
type LeaseFilter struct {
	Leases *Leases
	Next   Enqueuer
}

var _ Enqueuer = LeaseFilter{}

// Enqueue hands job to Next when its host is held, else drops it.
func (f LeaseFilter) Enqueue(job Job) error {
	if !f.Leases.Holds(job.HostID, job.Due) {
		return nil
	}
	return f.Next.Enqueue(job)
}
