package dashboards

import (
	"net/http"
	"testing"

	"github.com/prophasis/prophasis/internal/storage"
)

// TestDeleteIsAudited deletes a host group and a schedule through their
// confirmation forms, on PostgreSQL: the row is gone and the audit log
// holds the deletion with what the row was; a missing id is a 404 that
// deletes and records nothing.
func TestDeleteIsAudited(t *testing.T) {
	a := newTestApp(t, nil)
	c := a.signedIn("ann", "admin")
	ctx := t.Context()
	group, err := storage.CreateHostGroup(ctx, a.db, storage.HostGroup{Name: "file servers"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.Exec(ctx, `INSERT INTO schedules (name) VALUES ('nightly')`); err != nil {
		t.Fatal(err)
	}
	var schedule int64
	_ = a.db.QueryRow(ctx, `SELECT id FROM schedules`).Scan(&schedule)
	for _, tc := range []struct{ path, table, entity, name string }{
		{"/host-groups/" + itoa(group), "host_groups", "host_group", "file servers"},
		{"/schedules/" + itoa(schedule), "schedules", "schedule", "nightly"},
	} {
		if res, _ := a.post(c, tc.path+"9/delete", nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: deleting a missing row: %d", tc.entity, res.StatusCode)
		}
		if res, _ := a.post(c, tc.path+"/delete", nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: delete: %d", tc.entity, res.StatusCode)
		}
		var left, audited int
		_ = a.db.QueryRow(ctx, `SELECT count(*) FROM `+tc.table).Scan(&left)
		_ = a.db.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE action = 'delete' AND entity_type = $1
			AND before->>'name' = $2`, tc.entity, tc.name).Scan(&audited)
		if left != 0 || audited != 1 {
			t.Errorf("%s: %d rows left, %d audit entries with its name, want 0 and 1", tc.entity, left, audited)
		}
	}
}
