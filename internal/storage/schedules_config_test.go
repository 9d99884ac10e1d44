package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/storage"
)

func TestScheduleConfigs(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	check, err := storage.SaveCheckConfig(ctx, db, storage.CheckConfig{Name: "c", Enabled: true}, storage.CheckMembers{})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ivs := []storage.IntervalConfig{{StartAt: start, Period: time.Minute}, {StartAt: start, Period: 24 * time.Hour}}
	id, err := storage.SaveScheduleConfig(ctx, db, storage.ScheduleConfig{Name: "often", Enabled: true}, ivs, []int64{check})
	if err != nil {
		t.Fatal(err)
	}
	s, got, checks, err := storage.ScheduleConfigByID(ctx, db, id)
	if err != nil || len(got) != 2 || got[0].Period != time.Minute || got[1].Period != 24*time.Hour || !got[0].StartAt.Equal(start) || len(checks) != 1 {
		t.Fatalf("ScheduleConfigByID = %+v %+v %v, %v", s, got, checks, err)
	}
	next := start.Add(time.Hour)
	if _, err := db.Exec(ctx, `UPDATE schedule_intervals SET next_run = $1`, next); err != nil {
		t.Fatal(err)
	}
	got[1].Period = time.Hour // change the second, keep the first, add a third
	got = append(got, storage.IntervalConfig{StartAt: start, Period: 5 * time.Second})
	if _, err := storage.SaveScheduleConfig(ctx, db, s, got, nil); err != nil {
		t.Fatal(err)
	}
	var kept, reset, total int
	_ = db.QueryRow(ctx, `SELECT count(*) FILTER (WHERE next_run = $1), count(*) FILTER (WHERE next_run IS NULL), count(*)
		FROM schedule_intervals`, next).Scan(&kept, &reset, &total)
	if kept != 1 || reset != 2 || total != 3 {
		t.Fatalf("after edit: %d kept next_run, %d reset, %d total; want 1, 2, 3", kept, reset, total)
	}
	if list, _ := storage.ListScheduleConfigs(ctx, db, ""); len(list) != 1 || list[0].Intervals != 3 || list[0].Checks != 0 {
		t.Fatalf("ListScheduleConfigs = %+v", list)
	}
	if err := storage.DeleteScheduleConfig(ctx, db, id); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := storage.ScheduleConfigByID(ctx, db, id); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("deleted schedule: %v", err)
	}
}
