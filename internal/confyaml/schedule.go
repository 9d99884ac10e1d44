package confyaml

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/prophasis/prophasis/internal/storage"
)

// Schedule runs checks at intervals.
type Schedule struct {
	Name        string     `yaml:"name"`
	Description string     `yaml:"description,omitempty"`
	Enabled     *bool      `yaml:"enabled,omitempty"` // nil: true
	Intervals   []Interval `yaml:"intervals,omitempty"`
	Checks      []string   `yaml:"checks,omitempty"`
}

// Interval runs at Start + k·Every: Start is an RFC 3339 time, Every a Go
// duration of at least one second ("30s", "5m", "1h").
type Interval struct {
	Start string `yaml:"start"`
	Every string `yaml:"every"`
}

// parse reads the interval's times; validate has already accepted them.
func (iv Interval) parse() (time.Time, time.Duration, error) {
	start, err := time.Parse(time.RFC3339, iv.Start)
	if err != nil {
		return start, 0, fmt.Errorf("start %q: want an RFC 3339 time such as 2026-01-01T00:00:00Z", iv.Start)
	}
	every, err := time.ParseDuration(iv.Every)
	if err != nil || every < time.Second {
		return start, 0, fmt.Errorf("every %q: want a duration of at least 1s, such as 30s, 5m or 1h", iv.Every)
	}
	return start, every, nil
}

// fileInterval writes an interval canonically: UTC, "5m" not "5m0s".
func fileInterval(iv storage.IntervalConfig) Interval {
	every := iv.Period.String()
	for _, unit := range []string{"m0s", "h0m"} {
		if strings.HasSuffix(every, unit) {
			every = every[:len(every)-2]
		}
	}
	return Interval{Start: iv.StartAt.UTC().Format(time.RFC3339), Every: every}
}

func normalizeSchedule(s Schedule) Schedule {
	s.Intervals, s.Checks = nilIfEmpty(s.Intervals), nilIfEmpty(s.Checks)
	return s
}

func sameSchedule(a, b Schedule) bool {
	return a.Description == b.Description && (a.Enabled == nil || *a.Enabled) == (b.Enabled == nil || *b.Enabled) &&
		sameSet(a.Checks, b.Checks) && sameSet(intervalKeys(a.Intervals), intervalKeys(b.Intervals))
}

// intervalKeys identifies intervals by their times, however written.
func intervalKeys(ivs []Interval) []string {
	out := make([]string, 0, len(ivs))
	for _, iv := range ivs {
		start, every, err := iv.parse()
		out = append(out, fmt.Sprint(start.UTC(), every, err))
	}
	return out
}

// loadSchedules reads every schedule with its check names and interval ids.
func loadSchedules(ctx context.Context, db storage.DBTX, c *current, checkNames map[int64]string) error {
	list, err := storage.ListScheduleConfigs(ctx, db, "")
	if err != nil {
		return fmt.Errorf("confyaml: export: %w", err)
	}
	for _, s := range list {
		_, intervals, checkIDs, err := storage.ScheduleConfigByID(ctx, db, s.ID)
		if err != nil {
			return fmt.Errorf("confyaml: export: %w", err)
		}
		out := Schedule{Name: s.Name, Description: s.Description, Checks: names(checkIDs, checkNames)}
		if !s.Enabled {
			out.Enabled = new(false)
		}
		for _, iv := range intervals {
			out.Intervals = append(out.Intervals, fileInterval(iv))
		}
		c.schedules[s.Name] = scheduleIDs{id: s.ID, intervals: intervals}
		c.file.Schedules = append(c.file.Schedules, normalizeSchedule(out))
	}
	return nil
}

// scheduleIDs are a stored schedule's id and intervals, so that an
// unchanged interval keeps its id (and with it its next run).
type scheduleIDs struct {
	id        int64
	intervals []storage.IntervalConfig
}

// saveSchedule creates or replaces a schedule, reusing stored intervals
// with the same start and period.
func saveSchedule(ctx context.Context, db storage.DBTX, stored scheduleIDs, s Schedule, checkIDs map[string]int64) error {
	cfg := storage.ScheduleConfig{ID: stored.id, Name: s.Name, Description: s.Description, Enabled: s.Enabled == nil || *s.Enabled}
	var intervals []storage.IntervalConfig
	for _, iv := range s.Intervals {
		start, every, err := iv.parse()
		if err != nil {
			return fmt.Errorf("confyaml: schedule %q: %w", s.Name, err)
		}
		next := storage.IntervalConfig{StartAt: start, Period: every}
		for _, old := range stored.intervals {
			if old.StartAt.Equal(start) && old.Period == every {
				next.ID = old.ID
			}
		}
		intervals = append(intervals, next)
	}
	if _, err := storage.SaveScheduleConfig(ctx, db, cfg, intervals, lookup(s.Checks, checkIDs)); err != nil {
		return fmt.Errorf("confyaml: schedule %q: %w", s.Name, err)
	}
	return nil
}
