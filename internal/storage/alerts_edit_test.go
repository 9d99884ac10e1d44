package storage_test

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/prophasis/prophasis/alert/channels"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/secretbox"
	"github.com/prophasis/prophasis/internal/storage"
)

func TestAlertRuleCRUD(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	box, _ := secretbox.New(bytes.Repeat([]byte{1}, 32), channels.SecretPurpose)
	f := seedAlerts(t, db, box)
	in := storage.AlertRuleInput{Name: "disk", Enabled: true, Scope: "hosts", Subjects: []int64{f.h1, f.h2},
		Plugins: []string{"com.example.cpu"}, Checks: []int64{}, From: []string{"ok"}, To: []string{"critical"},
		Repeat: 30 * time.Minute, EscalateAfter: time.Hour, EscalationNotifier: f.n1, Notifiers: []int64{f.n1, f.n2}}
	id, err := storage.CreateAlertRule(ctx, db, in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := storage.AlertRuleForm(ctx, db, id)
	if err != nil || !reflect.DeepEqual(got, in) {
		t.Fatalf("AlertRuleForm =\n%+v, %v\nwant\n%+v", got, err, in)
	}
	in.Scope, in.Subjects, in.Plugins, in.Repeat, in.EscalateAfter, in.EscalationNotifier = "services", []int64{f.svc}, []string{}, 0, 0, 0
	if err := storage.UpdateAlertRule(ctx, db, id, in); err != nil {
		t.Fatal(err)
	}
	if got, _ := storage.AlertRuleForm(ctx, db, id); !reflect.DeepEqual(got, in) {
		t.Fatalf("after update =\n%+v\nwant\n%+v", got, in)
	}
	bad := in
	bad.To = []string{"on fire"}
	if err := storage.UpdateAlertRule(ctx, db, id, bad); err == nil {
		t.Fatal("accepted an unknown state")
	}
	if _, err := storage.CreateAlertRule(ctx, db, in); !errors.Is(err, storage.ErrDuplicate) {
		t.Fatalf("duplicate name: %v", err)
	}
	if err := storage.DeleteAlertRule(ctx, db, id); err != nil {
		t.Fatal(err)
	}
	if err := storage.DeleteAlertRule(ctx, db, id); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("second delete: %v", err)
	}
}

func TestNotifierCRUDKeepsSecrets(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	box, _ := secretbox.New(bytes.Repeat([]byte{1}, 32), channels.SecretPurpose)
	settings, sealed, err := channels.Split(box, "ntfy", map[string]any{"url": "https://ntfy.sh/x", "token": "tk"})
	if err != nil {
		t.Fatal(err)
	}
	id, err := storage.CreateNotifier(ctx, db, storage.NotifierInput{Name: "phone", Kind: "ntfy", Settings: settings, Secrets: sealed, Enabled: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := storage.UpdateNotifier(ctx, db, id, storage.NotifierInput{Name: "phones", Kind: "ntfy", Enabled: false}); err != nil {
		t.Fatal(err)
	}
	list, err := storage.ListNotifiers(ctx, db)
	if err != nil || len(list) != 1 || list[0].Name != "phones" || !list[0].HasSecrets || list[0].Enabled {
		t.Fatalf("ListNotifiers = %+v, %v", list, err)
	}
	deps := channels.Deps{Box: box, Now: time.Now}
	rows, _ := db.Query(ctx, `SELECT id, name, kind, settings, secrets_encrypted FROM notifiers`)
	defer rows.Close()
	rows.Next()
	var row storage.NotifierRow
	if err := rows.Scan(&row.ID, &row.Name, &row.Kind, &row.Settings, &row.Secrets); err != nil {
		t.Fatal(err)
	}
	if _, err := deps.Build(row); err != nil {
		t.Fatalf("secrets lost by the update: %v", err)
	}
	if err := storage.DeleteNotifier(ctx, db, id+1); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("delete unknown: %v", err)
	}
}

func TestMaintenanceWindowCRUD(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	box, _ := secretbox.New(bytes.Repeat([]byte{1}, 32), channels.SecretPurpose)
	f := seedAlerts(t, db, box)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	start, end := now, now.Add(time.Hour)
	once, err := storage.CreateMaintenanceWindow(ctx, db, storage.WindowInput{Name: "swap disk", Kind: "once",
		StartsAt: &start, EndsAt: &end, Hosts: []int64{f.h1}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := storage.CreateMaintenanceWindow(ctx, db, storage.WindowInput{Name: "patch tuesday", Kind: "recurring",
		Days: []int16{2}, StartTime: "22:00", EndTime: "02:00", TimeZone: "America/New_York", Services: []int64{f.svc}}); err != nil {
		t.Fatal(err)
	}
	if _, err := storage.CreateMaintenanceWindow(ctx, db, storage.WindowInput{Name: "bad", Kind: "recurring",
		Days: []int16{2}, StartTime: "22:00", EndTime: "02:00", TimeZone: "Mars/Olympus"}); err == nil {
		t.Fatal("accepted an unknown time zone")
	}
	ws, err := storage.MaintenanceWindows(ctx, db, now)
	if err != nil || len(ws) != 2 {
		t.Fatalf("windows = %+v, %v", ws, err)
	}
	// Tuesday 2026-03-03 23:30 in New York is Wednesday 04:30 UTC.
	if !ws[1].Active(time.Date(2026, 3, 4, 4, 30, 0, 0, time.UTC)) || ws[1].Active(time.Date(2026, 3, 4, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("recurring window = %+v", ws[1])
	}
	if err := storage.DeleteMaintenanceWindow(ctx, db, once); err != nil {
		t.Fatal(err)
	}
	if ws, _ := storage.MaintenanceWindows(ctx, db, now); len(ws) != 1 {
		t.Fatalf("after delete: %+v", ws)
	}
}
