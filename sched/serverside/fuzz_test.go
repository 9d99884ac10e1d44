package serverside

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/sched"
)

// FuzzArgs feeds arbitrary argument values to the HTTP and DNS argument
// parsers: they come from forms and API bodies and must never panic.
// Accepted HTTP URLs are only http(s) with a host, so no check can be
// turned into a file read.
func FuzzArgs(f *testing.F) {
	f.Add("https://example.test/", "200-299", `ok|up`, "14", "localhost", "A", "127.0.0.1:53", "127.0.0.1,::1")
	f.Add("file:///etc/passwd", "abc", "(", "-1", "", "MX", "dns", "x")
	f.Add("http://[::1", "100-599,", `\`, "99999", "a..b", "any", ":53", ",")
	f.Fuzz(func(t *testing.T, url, status, body, days, name, typ, server, expect string) {
		job := sched.Job{Args: map[string]string{"url": url, "expect_status": status, "body_match": body,
			"cert_warn_days": days, "name": name, "type": typ, "server": server, "expect": expect}}
		if spec, err := parseHTTP(job); err == nil {
			if spec.url.Scheme != "http" && spec.url.Scheme != "https" || spec.url.Host == "" {
				t.Fatalf("accepted url %q", url)
			}
		}
		_, _ = parseDNS(job)
	})
}

// FuzzTCPPort checks that no port text makes the TCP check dial anything
// but a valid port; unreachable targets fail fast on a cancelled context.
func FuzzTCPPort(f *testing.F) {
	for _, p := range []string{"80", "0", "65536", "-1", "1e3", " 22 ", "0x50"} {
		f.Add(p)
	}
	r := New(Config{}, sched.System{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f.Fuzz(func(t *testing.T, port string) {
		res := r.Run(ctx, sched.Job{PluginID: TCP, Address: "127.0.0.1", Args: map[string]string{"port": port}})
		n, err := strconv.Atoi(strings.TrimSpace(port))
		valid := err == nil && n >= 1 && n <= 65535
		if want := map[bool]sched.Status{true: sched.StatusOK, false: sched.StatusPluginError}[valid]; res.Status != want {
			t.Fatalf("port %q: status %s, want %s", port, res.Status, want)
		}
	})
}
