package doctor

import (
	"context"
	"fmt"
	"time"
)

// recentNode is how recently a scheduler must have sent a heartbeat to
// count as running; the default lease renewal is every 10 s.
const recentNode = 5 * time.Minute

const schedulersSQL = `
SELECT (SELECT count(*) FROM scheduler_nodes WHERE heartbeat_at > $1),
       (SELECT count(*) FROM hosts h WHERE h.enabled AND NOT EXISTS
           (SELECT 1 FROM scheduler_leases l WHERE l.host_id = h.id AND l.expires_at > $2))`

// schedulers reports enabled hosts that no scheduler holds a live lease
// on while schedulers share hosts through leases: their checks are not
// running. Without lease-sharing schedulers there is nothing to check.
func (d *Doctor) schedulers(ctx context.Context) []Finding {
	now := d.Now()
	var nodes, orphans int
	if err := d.DB.QueryRow(ctx, schedulersSQL, now.Add(-recentNode), now).Scan(&nodes, &orphans); err != nil {
		return finding("schedulers", Fail, err.Error())
	}
	switch {
	case nodes == 0:
		return finding("schedulers", OK, "no lease-sharing schedulers (one process schedules every host)")
	case orphans > 0:
		return finding("schedulers", Warn, fmt.Sprintf("%d schedulers alive, %d enabled hosts without a live lease: their checks are not running", nodes, orphans))
	}
	return finding("schedulers", OK, fmt.Sprintf("%d schedulers alive, every enabled host leased", nodes))
}
