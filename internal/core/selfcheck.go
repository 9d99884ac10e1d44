package core

import (
	"context"
	"time"

	"github.com/prophasis/prophasis/internal/doctor"
)

// selfCheckTimeout bounds one self-check round.
const selfCheckTimeout = 2 * time.Minute

// runSelfCheck makes doctor's database checks (schema, TimescaleDB jobs,
// rollups, retention, disk, schedulers) two minutes after start (after
// the first retention pass, so data a stopped server let age is not
// reported on the way out) and then
// every SelfCheckEvery, and writes each check whose status changed to the
// system log (doctor.LogChanges), so that a failing database job shows in
// the web app's unread count without anyone running `prophasis doctor`.
// Agents are left out: they are watched as hosts already, and probing
// every one each round would cost a large estate a burst of connections.
func (c *Core) runSelfCheck(ctx context.Context) {
	repeat(ctx, 2*time.Minute, c.cfg.SelfCheckEvery, c.selfCheck)
}

// selfCheck runs one round.
func (c *Core) selfCheck(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, selfCheckTimeout)
	defer cancel()
	d := &doctor.Doctor{DB: c.cfg.DB}
	findings := d.RunDatabase(ctx)
	n, err := doctor.LogChanges(ctx, c.cfg.DB, findings)
	switch {
	case err != nil && ctx.Err() == nil:
		c.logger.Error("self-check could not write the system log", "err", err)
	case n > 0:
		c.logger.Info("self-check: a status changed, written to the system log", "entries", n, "worst", doctor.Worst(findings))
	}
}
