package dashboards

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestSystemLogUnreadCount(t *testing.T) {
	a := newTestApp(t, nil)
	c := a.signedIn("ann", "admin")
	for _, msg := range []string{"lua error on line 3 <script>", "agent timeout"} {
		if _, err := a.db.Exec(t.Context(), `INSERT INTO system_log (category, severity, message, details)
			VALUES ('classify', 'error', $1, '{"line": 3}')`, msg); err != nil {
			t.Fatal(err)
		}
	}
	_, body := a.get(c, "/system-log?category=classify&severity=error")
	if !strings.Contains(body, `id="unread-logs">2<`) || !strings.Contains(body, "lua error on line 3 &lt;script&gt;") {
		t.Fatalf("system log page lacks the unread count or the escaped message:\n%s", body)
	}
	upTo := regexp.MustCompile(`name="up_to" value="(\d+)"`).FindStringSubmatch(body)
	if upTo == nil {
		t.Fatal("no mark-read form")
	}
	if res, _ := a.post(c, "/system-log/read", url.Values{"up_to": {upTo[1]}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("mark read: %d", res.StatusCode)
	}
	if _, body := a.get(c, "/"); strings.Contains(body, "unread-logs") {
		t.Fatal("unread badge still shown after marking all read")
	}
}
