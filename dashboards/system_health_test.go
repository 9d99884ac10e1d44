package dashboards

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
)

// TestSystemHealth: an admin sees the doctor's database findings and a
// fail row for an agent that is not listening; a viewer is refused; only
// the POST writes to the system log.
func TestSystemHealth(t *testing.T) {
	a := newTestApp(t, nil)
	ctx := context.Background()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close() // nothing listens there any more: a stopped agent
	if _, err := a.db.Exec(ctx, `INSERT INTO hosts (name, address, agent_port, agent_key_encrypted, tls_fingerprint)
		VALUES ('stopped', '127.0.0.1', $1, $2, decode(repeat('ab', 32), 'hex'))`, port, a.web.keys.Seal([]byte(strings.Repeat("k", 32)))); err != nil {
		t.Fatal(err)
	}
	logRows := func() (n int) {
		if err := a.db.QueryRow(ctx, `SELECT count(*) FROM system_log WHERE category = 'doctor'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	if res, _ := a.get(a.signedIn("vic", "viewer"), "/system-health"); res.StatusCode != http.StatusForbidden {
		t.Errorf("viewer got %d, want 403", res.StatusCode)
	}
	admin := a.signedIn("ann", "admin")
	res, body := a.get(admin, "/system-health")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("admin got %d", res.StatusCode)
	}
	for _, want := range []string{"storage mode", `id="health-worst">fail<`, "agent stopped", "unreachable"} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q:\n%s", want, body)
		}
	}
	if !strings.Contains(body, `<td class="text-nowrap">agent stopped</td>
      <td><span class="badge text-bg-danger">fail</span>`) {
		t.Errorf("stopped agent is not a fail row:\n%s", body)
	}
	if n := logRows(); n != 0 {
		t.Fatalf("GET wrote %d system log rows", n)
	}

	if res, _ := a.post(admin, "/system-health/record", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("record: %d", res.StatusCode)
	}
	if n := logRows(); n == 0 {
		t.Fatal("POST wrote no system log rows")
	}
	var sev string
	if err := a.db.QueryRow(ctx, `SELECT severity FROM system_log WHERE message LIKE 'agent stopped:%'`).Scan(&sev); err != nil || sev != "error" {
		t.Errorf("stopped agent logged as %q (%v), want error", sev, err)
	}
}
