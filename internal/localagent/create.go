package localagent

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/storage"
)

// create inserts the host, its check and its schedule in tx.
func (a *Agent) create(ctx context.Context, tx pgx.Tx, r Registration) (int64, error) {
	name, err := freeName(ctx, tx, `SELECT EXISTS (SELECT 1 FROM hosts WHERE name = $1)`, r.Name)
	if err != nil {
		return 0, err
	}
	hostID, err := storage.CreateHost(ctx, tx, storage.Host{Name: name, Address: "127.0.0.1", Port: a.Port(),
		Description: "This machine, checked by the agent built into prophasis up.",
		AgentKey:    r.SealKey([]byte(a.id.Key)), Fingerprint: a.id.Fingerprint, Enabled: true})
	if err != nil {
		return 0, err
	}
	checkName, err := freeName(ctx, tx, `SELECT EXISTS (SELECT 1 FROM checks WHERE name = $1)`, "Local machine: "+name)
	if err != nil {
		return 0, err
	}
	checkID, err := storage.SaveCheckConfig(ctx, tx,
		storage.CheckConfig{Name: checkName, Description: "CPU, memory, disk (/) and heartbeat of this machine.", Enabled: true},
		storage.CheckMembers{HostIDs: []int64{hostID}, Plugins: Plugins()})
	if err != nil {
		return 0, err
	}
	var plugins int
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM check_plugins WHERE check_id = $1`, checkID).Scan(&plugins); err != nil {
		return 0, err
	}
	if plugins != len(Plugins()) {
		return 0, fmt.Errorf("%d of the %d stock plugins are installed (install them first)", plugins, len(Plugins()))
	}
	schedName, err := freeName(ctx, tx, `SELECT EXISTS (SELECT 1 FROM schedules WHERE name = $1)`, "Local machine: every "+r.Period.String())
	if err != nil {
		return 0, err
	}
	_, err = storage.SaveScheduleConfig(ctx, tx,
		storage.ScheduleConfig{Name: schedName, Description: "Runs the local machine's check.", Enabled: true},
		[]storage.IntervalConfig{{StartAt: firstRun(time.Now(), r.Period), Period: r.Period}}, []int64{checkID})
	if err != nil {
		return 0, err
	}
	return hostID, nil
}

// freeName is base, or base with the first free number appended, as the
// exists query (one $1 parameter) says.
func freeName(ctx context.Context, tx pgx.Tx, exists, base string) (string, error) {
	name := base
	for i := 2; ; i++ {
		var taken bool
		if err := tx.QueryRow(ctx, exists, name).Scan(&taken); err != nil {
			return "", err
		}
		if !taken {
			return name, nil
		}
		name = fmt.Sprintf("%s (%d)", base, i)
	}
}

// firstRunDelay is how soon after registration the first check runs.
const firstRunDelay = 2 * time.Second

// firstRun is the interval's start: one period before the first run, so the
// first results come within seconds rather than after a whole period.
func firstRun(now time.Time, period time.Duration) time.Time {
	return now.UTC().Truncate(time.Second).Add(firstRunDelay - period)
}
