package dashboards

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestReportPages reads every report page as a viewer over seeded data.
func TestReportPages(t *testing.T) {
	a := newTestApp(t, nil)
	f := seedReports(t, a)
	c := a.signedIn("vera", "viewer")
	host := fmt.Sprintf("/report/hosts/%d", f.host)
	cases := []struct {
		name, path string
		status     int
		want       []string
	}{
		{"health, worst first, refreshing", "/", 200, []string{`http-equiv="refresh"`, `data-state="minor"`, "web&lt;script&gt;"}},
		{"health filtered by state", "/?state=ok", 200, []string{">quiet<"}},
		{"host page 6 hours reads raw", host + "?range=6h", 200, []string{`(raw data)`, "cpu melting web&lt;script&gt;", `<td class="text-nowrap plugin-value">97 %</td>`, `href="` + host + `?range=1h"`}},
		{"host page 30 days reads hourly", host + "?range=30d", 200, []string{`(hourly data)`, `"stateAxis":true`, `plugin-messages`, `<td class="text-break">raid fine</td>`}},
		{"host page custom range", host + "?from=2026-11-25T06:00&to=2026-11-25T08:00", 200, []string{`value="2026-11-25T06:00"`}},
		{"bad range refused", host + "?range=forever", 400, []string{"unknown range"}},
		{"unknown host", "/report/hosts/99999", 404, nil},
		{"services: degraded while one web host is minor", "/health/services", 200, []string{`data-state="degraded"`, "shop web&lt;script&gt;"}},
		{"service page", fmt.Sprintf("/report/services/%d?range=24h", f.service), 200,
			[]string{"Redundancy group web", `id="service-state">degraded<`, "degraded 4.167 %", `"stateAxis":true`}},
		{"unknown service", "/report/services/99999", 404, nil},
		{"groups", "/health/groups", 200, nil},
		{"availability 24h", "/report/availability?range=24h", 200, []string{"95.833 %", "critical 4.167 %"}},
		{"compare", "/report/compare?plugin=test.cpu&range=7d", 200, []string{"compare-top", ">quiet<"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, body := a.get(c, tc.path)
			if res.StatusCode != tc.status {
				t.Fatalf("GET %s: %d", tc.path, res.StatusCode)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s lacks %q", tc.path, w)
				}
			}
			if strings.Contains(body, "<script>window.pwned") || strings.Contains(body, `<img src=x`) {
				t.Errorf("GET %s echoes the hostile text unescaped", tc.path)
			}
		})
	}
	t.Run("health lists the unhealthy host first", func(t *testing.T) {
		_, body := a.get(c, "/")
		if i, j := strings.Index(body, "web&lt;script&gt;"), strings.Index(body, ">quiet<"); i < 0 || j < 0 || i > j {
			t.Fatalf("hostile (minor) at %d, quiet (ok) at %d", i, j)
		}
	})
}

// TestReportCSV: the export holds exactly the graph's points.
func TestReportCSV(t *testing.T) {
	a := newTestApp(t, nil)
	f := seedReports(t, a)
	c := a.signedIn("vera", "viewer")
	cases := []struct {
		name, query string
		lines       int
		tier        string
	}{
		{"6 hours raw (the data ends a minute before the range)", "range=6h", 1 + 359, "raw"},
		{"7 days hourly over 72 h of data", "range=7d", 1 + 72, "hourly"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, body := a.get(c, fmt.Sprintf("/report/hosts/%d/csv?plugin=test.cpu&%s", f.host, tc.query))
			if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
				t.Fatalf("status %d type %q", res.StatusCode, res.Header.Get("Content-Type"))
			}
			lines := strings.Split(strings.TrimSpace(body), "\n")
			if len(lines) != tc.lines || lines[0] != "time,avg,min,max" {
				t.Fatalf("%d lines, header %q; want %d", len(lines), lines[0], tc.lines)
			}
			cd := res.Header.Get("Content-Disposition")
			if !strings.Contains(cd, tc.tier+".csv") || strings.ContainsAny(strings.TrimPrefix(cd, `attachment; filename="`)[:len(cd)-len(`attachment; filename="`)-1], `<>"`) {
				t.Fatalf("Content-Disposition %q", cd)
			}
		})
	}
}
