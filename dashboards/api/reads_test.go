package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"
)

func TestReadsAfterPushedResults(t *testing.T) {
	b := setup(t, options{pipeline: true})
	addPlugin(t, b, "com.example.temp", "Temperature",
		`if result.value > 50 then return "major", "hot" end return "ok"`)
	_, h := b.do(t, "POST", "/api/v1/hosts", b.write, map[string]any{"name": "rack1", "address": "rack1"})
	host := fmt.Sprint(h["id"])
	start := time.Now().UTC().Add(-2 * time.Hour).Truncate(time.Minute)
	var batch []any
	for i := range 5 {
		batch = append(batch, map[string]any{"host": "rack1", "plugin": "com.example.temp",
			"time": start.Add(time.Duration(i) * time.Minute), "value": 40 + 5*i})
	}
	if st, body := b.do(t, "POST", "/api/v1/results", b.write, map[string]any{"results": batch}); st != 202 {
		t.Fatalf("push: %d %v", st, body)
	}
	b.pipe.flush(t)

	var values []float64
	q := "/api/v1/results?limit=2&host_id=" + host + "&from=" + url.QueryEscape(start.Format(time.RFC3339))
	next := ""
	for pages := 0; ; pages++ {
		st, body := b.do(t, "GET", q+next, b.read, nil)
		if st != 200 || pages > 5 {
			t.Fatalf("results page %d: %d %v", pages, st, body)
		}
		for _, it := range body["items"].([]any) {
			values = append(values, it.(map[string]any)["value"].(float64))
		}
		cur, ok := body["next_cursor"].(string)
		if !ok {
			break
		}
		next = "&cursor=" + cur
	}
	if fmt.Sprint(values) != "[60 55 50 45 40]" {
		t.Fatalf("paged results newest first: %v", values)
	}
	if st, body := b.do(t, "GET", "/api/v1/results?host_id="+host+"&cursor=bogus", b.read, nil); st != 400 {
		t.Fatalf("bad cursor: %d %v", st, body)
	}

	st, body := b.do(t, "GET", "/api/v1/hosts/"+host+"/state", b.read, nil)
	items, _ := body["items"].([]any)
	if st != 200 || len(items) != 1 || items[0].(map[string]any)["state"] != "major" {
		t.Fatalf("host state: %d %v", st, body)
	}
	st, body = b.do(t, "GET", "/api/v1/health", b.read, nil)
	hosts, _ := body["hosts"].([]any)
	if st != 200 || len(hosts) != 1 || hosts[0].(map[string]any)["state"] != "major" {
		t.Fatalf("health: %d %v", st, body)
	}
	st, body = b.do(t, "GET", "/api/v1/hosts/"+host+"/state-changes?from="+url.QueryEscape(start.Add(-time.Hour).Format(time.RFC3339)), b.read, nil)
	if changes, _ := body["items"].([]any); st != 200 || len(changes) == 0 || changes[0].(map[string]any)["to"] != "major" {
		t.Fatalf("state changes: %d %v", st, body)
	}
	st, body = b.do(t, "GET", "/api/v1/series?tier=raw&plugin=com.example.temp&host_id="+host, b.read, nil)
	if points, _ := body["points"].([]any); st != 200 || len(points) != 5 || body["tier"] != "raw" {
		t.Fatalf("series: %d %v", st, body)
	}
	for q, field := range map[string]string{
		"/api/v1/series?plugin=p":                                                     "host_id",
		"/api/v1/series?host_id=1&plugin=p&tier=weekly":                               "tier",
		"/api/v1/series?host_id=1&plugin=p&tier=raw&from=2020-01-01T00:00:00Z":        "tier",
		"/api/v1/series?host_id=1&plugin=p&from=yesterday":                            "from",
		"/api/v1/results?host_id=1&from=2030-01-01T00:00:00Z&to=2029-01-01T00:00:00Z": "from",
	} {
		st, body := b.do(t, "GET", q, b.read, nil)
		if _, f := errOf(t, body); st != http.StatusBadRequest || f != field {
			t.Fatalf("%s: %d %v, want 400 on %s", q, st, body, field)
		}
	}
	if st, body = b.do(t, "GET", "/api/v1/alert-log?limit=5", b.read, nil); st != 200 {
		t.Fatalf("alert log: %d %v", st, body)
	}
}
