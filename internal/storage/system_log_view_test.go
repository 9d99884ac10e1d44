package storage_test

import (
	"context"
	"testing"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/storage"
)

func TestSystemLogReadFlag(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	for _, e := range []struct{ cat, sev string }{{"classify", "error"}, {"ingest", "warning"}, {"classify", "info"}} {
		if _, err := db.Exec(ctx, `INSERT INTO system_log (category, severity, message) VALUES ($1, $2, 'm')`, e.cat, e.sev); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := storage.ListSystemLog(ctx, db, "classify", "", false, 10)
	if err != nil || len(rows) != 2 {
		t.Fatalf("classify entries = %d, %v", len(rows), err)
	}
	if n, _ := storage.CountUnreadSystemLog(ctx, db, 2); n != 2 {
		t.Fatalf("unread capped at 2 = %d", n)
	}
	all, _ := storage.ListSystemLog(ctx, db, "", "", false, 10)
	if _, err := storage.MarkSystemLogRead(ctx, db, all[1].ID); err != nil { // the two oldest
		t.Fatal(err)
	}
	unread, _ := storage.ListSystemLog(ctx, db, "", "", true, 10)
	if len(unread) != 1 || unread[0].ID != all[0].ID {
		t.Fatalf("unread after marking = %+v", unread)
	}
	if errs, _ := storage.ListSystemLog(ctx, db, "", "error", false, 10); len(errs) != 1 {
		t.Fatalf("error entries = %d", len(errs))
	}
	if cats, _ := storage.SystemLogCategories(ctx, db); len(cats) != 2 {
		t.Fatalf("categories = %v", cats)
	}
}
