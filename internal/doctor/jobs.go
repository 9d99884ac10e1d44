package doctor

import (
	"context"
	"fmt"
	"time"

	"github.com/prophasis/prophasis/internal/schema"
)

// job is one TimescaleDB background job with its statistics.
type job struct {
	ID          int32
	Application string
	Proc        string
	Hypertable  string
	Scheduled   bool
	LastStatus  string
	Failures    int64
	Runs        int64
	LastError   string
}

// Jobs numbered below 1000 are TimescaleDB's own (telemetry, job history
// cleanup); the user's and the policies start at 1000.
const jobsSQL = `
SELECT j.job_id, j.application_name, j.proc_name, coalesce(j.hypertable_name::text, ''), j.scheduled,
       coalesce(s.last_run_status, ''), coalesce(s.total_failures, 0), coalesce(s.total_runs, 0),
       coalesce((SELECT e.err_message FROM timescaledb_information.job_errors e
                 WHERE e.job_id = j.job_id ORDER BY e.finish_time DESC NULLS LAST LIMIT 1), '')
FROM timescaledb_information.jobs j
LEFT JOIN timescaledb_information.job_stats s ON s.job_id = j.job_id
WHERE j.job_id >= 1000
ORDER BY j.job_id`

// jobs reports TimescaleDB background jobs (refresh, compression and
// retention policies) whose last run failed or that are paused: they fail
// silently otherwise, and rollups or retention quietly stop.
func (d *Doctor) jobs(ctx context.Context) []Finding {
	st, err := d.mode(ctx)
	if err != nil || st.Mode != schema.ModeTimescale {
		return finding("timescale jobs", OK, "plain mode: rollups and retention run in the core, no background jobs")
	}
	rows, err := d.DB.Query(ctx, jobsSQL)
	if err != nil {
		return finding("timescale jobs", Fail, fmt.Sprintf("read job statistics: %v", err))
	}
	defer rows.Close()
	var out []Finding
	total := 0
	for rows.Next() {
		var j job
		if err := rows.Scan(&j.ID, &j.Application, &j.Proc, &j.Hypertable, &j.Scheduled, &j.LastStatus, &j.Failures, &j.Runs, &j.LastError); err != nil {
			return finding("timescale jobs", Fail, err.Error())
		}
		total++
		if f, bad := j.finding(); bad {
			out = append(out, f)
		}
	}
	if err := rows.Err(); err != nil {
		return finding("timescale jobs", Fail, err.Error())
	}
	if len(out) == 0 {
		return finding("timescale jobs", OK, fmt.Sprintf("%d jobs, none failing", total))
	}
	return out
}

// finding grades one job; bad is false for a healthy job.
func (j job) finding() (Finding, bool) {
	name := fmt.Sprintf("job %d %s (%s", j.ID, j.Application, j.Proc)
	if j.Hypertable != "" {
		name += " on " + j.Hypertable
	}
	name += ")"
	switch {
	case j.LastStatus == "Failed":
		msg := fmt.Sprintf("%s: last run failed, %d failures in %d runs", name, j.Failures, j.Runs)
		if j.LastError != "" {
			msg += ": " + j.LastError
		}
		return Finding{Check: "timescale jobs", Status: Fail, Message: msg}, true
	case !j.Scheduled:
		return Finding{Check: "timescale jobs", Status: Warn, Message: name + ": paused (scheduled = false)"}, true
	}
	return Finding{}, false
}

// ago formats a duration for people.
func ago(d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return fmt.Sprintf("%.1f days", d.Hours()/24)
	case d >= 2*time.Hour:
		return fmt.Sprintf("%.1f hours", d.Hours())
	}
	return d.Round(time.Second).String()
}
