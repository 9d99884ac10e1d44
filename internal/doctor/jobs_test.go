package doctor_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/doctor"
	"github.com/prophasis/prophasis/internal/pgserver"
	"github.com/prophasis/prophasis/internal/schema"
)

// TestFailingTimescaleJobIsReported lets TimescaleDB's own scheduler run a
// job whose procedure raises: doctor reports it as failing, with the
// error. pgtest's shared server runs no background workers (its template
// databases must stay clonable), so this test starts its own.
func TestFailingTimescaleJobIsReported(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	db := backgroundJobsDB(ctx, t)
	for _, q := range []string{
		`CREATE PROCEDURE doctor_test_broken(job_id int, config jsonb) LANGUAGE plpgsql AS
			$$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$`,
		`SELECT add_job('doctor_test_broken', '1 hour', initial_start => now())`,
	} {
		if _, err := db.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	healthy := (&doctor.Doctor{DB: db}).Run(ctx)
	if f := find(healthy, "timescale jobs"); f.Status != doctor.OK {
		t.Fatalf("before the job ran: %+v", f)
	}
	for failed := false; !failed; {
		err := db.QueryRow(ctx, `SELECT coalesce(bool_or(s.last_run_status = 'Failed'), false)
			FROM timescaledb_information.job_stats s JOIN timescaledb_information.jobs j USING (job_id)
			WHERE j.proc_name = 'doctor_test_broken'`).Scan(&failed)
		if err != nil {
			t.Fatalf("waiting for the job to run: %v", err)
		}
		if !failed {
			time.Sleep(100 * time.Millisecond) // TimescaleDB's scheduler is another process
		}
	}
	f := find((&doctor.Doctor{DB: db}).Run(ctx), "timescale jobs")
	if f.Status != doctor.Fail || !strings.Contains(f.Message, "doctor_test_broken") || !strings.Contains(f.Message, "disk on fire") {
		t.Fatalf("failing job reported as %+v", f)
	}
}

// backgroundJobsDB starts a throwaway PostgreSQL with TimescaleDB and its
// background workers, migrated in timescale mode.
func backgroundJobsDB(ctx context.Context, t *testing.T) *pgxpool.Pool {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{filepath.Dir(dir), dir} { // PostgreSQL runs as postgres when we are root
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := pgserver.Start(ctx, pgserver.Config{Dir: filepath.Join(dir, "pg"), Throwaway: true,
		Settings: map[string]string{"timescaledb.max_background_workers": "4"}})
	if err != nil {
		t.Fatalf("start postgresql: %v", err)
	}
	t.Cleanup(func() { srv.Stop(context.Background()) })
	if !srv.Timescale() {
		t.Skip("TimescaleDB is not installed: no background jobs to check")
	}
	conn, err := pgx.Connect(ctx, srv.DSN("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := schema.Migrate(ctx, conn, schema.Options{Mode: schema.ModeTimescale}); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	db, err := pgxpool.New(ctx, srv.DSN("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	return db
}

func find(findings []doctor.Finding, check string) doctor.Finding {
	for _, f := range findings {
		if f.Check == check {
			return f
		}
	}
	return doctor.Finding{Check: check, Status: "missing"}
}
