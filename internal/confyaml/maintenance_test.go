package confyaml

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/storage"
)

// seedClassifiersAndWindows edits the plugin's default classifier, adds
// an override for check and maintenance windows, two of them sharing a
// name, through the store functions the web app uses.
func seedClassifiersAndWindows(t *testing.T, db *pgxpool.Pool, check, host, group, service int64) {
	t.Helper()
	ctx := context.Background()
	if err := storage.SaveDefaultClassifier(ctx, db, "com.example.disk", "-- edited\nreturn \"ok\"\n", 1, nil); err != nil {
		t.Fatal(err)
	}
	if err := storage.SaveCheckClassifier(ctx, db, "com.example.disk", check, "if #values > 1 then\n  return \"minor\"\nend\nreturn \"ok\"\n", 5, nil); err != nil {
		t.Fatal(err)
	}
	start, end := time.Date(2026, 3, 1, 4, 0, 0, 0, time.UTC), time.Date(2026, 3, 1, 6, 0, 0, 0, time.UTC)
	for _, w := range []storage.WindowInput{
		{Name: "patch", Description: "weekly patching", Kind: "recurring", Days: []int16{4, 2}, StartTime: "22:00", EndTime: "02:00",
			TimeZone: "Europe/London", Hosts: []int64{host}, HostGroups: []int64{group}, Services: []int64{service}},
		{Name: "move", Kind: "once", StartsAt: &start, EndsAt: &end, Services: []int64{service}},
		{Name: "dup", Kind: "once", StartsAt: &start, EndsAt: &end},
		{Name: "dup", Kind: "recurring", Days: []int16{0}, StartTime: "01:00", EndTime: "02:00", TimeZone: "UTC", StartsAt: &start},
	} {
		if _, err := storage.CreateMaintenanceWindow(ctx, db, w); err != nil {
			t.Fatal(err)
		}
	}
}

// TestApplyChangesClassifiersAndWindows edits, adds and removes
// classifiers and windows: versions are bumped only for changed code, an
// updated window keeps its id, and a dry run shows the plan.
func TestApplyChangesClassifiersAndWindows(t *testing.T) {
	db := pgtest.Plain(t)
	seedConfig(t, db)
	ctx := context.Background()
	version := func(check string) (v int) {
		q := `SELECT k.version FROM classifiers k LEFT JOIN checks c ON c.id = k.check_id WHERE coalesce(c.name, '') = $1`
		if err := db.QueryRow(ctx, q, check).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	var patchID int64
	if err := db.QueryRow(ctx, `SELECT id FROM maintenance_windows WHERE name = 'patch'`).Scan(&patchID); err != nil {
		t.Fatal(err)
	}
	f, err := Export(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	f.Classifiers = f.Classifiers[:1] // the default stays, the override goes
	f.Classifiers[0].HistoryDepth = 3
	f.Windows = f.Windows[2:] // drop both "dup"s, keep move and patch
	f.Windows[1].Days, f.Windows[1].TimeZone = []string{"sat"}, "America/New_York"
	f.Windows = append(f.Windows, Window{Name: "new", StartsAt: "2026-04-01T00:00:00Z", EndsAt: "2026-04-02T00:00:00Z", Hosts: []string{"web1"}})
	want := []string{"- maintenance_window dup", "- maintenance_window dup #2", "~ maintenance_window patch", "+ maintenance_window new",
		"~ classifier com.example.disk", "- classifier com.example.disk check disks"}
	dry, err := Apply(ctx, db, f, Options{DryRun: true})
	if err != nil || !sameSet(changeStrings(dry), want) {
		t.Fatalf("dry run: %q, %v; want %q", changeStrings(dry), err, want)
	}
	before := version("")
	if _, err := Apply(ctx, db, f, Options{}); err != nil {
		t.Fatal(err)
	}
	if after := version(""); after != before+1 {
		t.Errorf("default classifier version %d, then %d: want one bump", before, after)
	}
	var zone string
	if err := db.QueryRow(ctx, `SELECT time_zone FROM maintenance_windows WHERE id = $1`, patchID).Scan(&zone); err != nil || zone != "America/New_York" {
		t.Errorf("window patch after apply: %q, %v; want it updated in place", zone, err)
	}
	got, err := Export(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := Marshal(got)
	slices.SortFunc(f.Windows, func(a, b Window) int { return strings.Compare(a.Name, b.Name) })
	b, _ := Marshal(f)
	if string(a) != string(b) {
		t.Errorf("export after apply:\n%s\nwant:\n%s", a, b)
	}
	if again, err := Apply(ctx, db, f, Options{}); err != nil || len(again) != 0 || version("") != before+1 {
		t.Errorf("second apply: %v, %v; want no changes and no version bump", again, err)
	}
}
