//go:build unix

package agent_test

import (
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/prophasis/prophasis/agent/api"
	"github.com/prophasis/prophasis/agent/client"
)

func TestAuthentication(t *testing.T) {
	host := startAgent(t)
	c := client.New(client.Options{})
	defer c.Close()
	if _, err := c.Ping(runCtx(t, 5*time.Second), host); err != nil {
		t.Fatalf("ping with the right key: %v", err)
	}
	raw := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	get := func(auth string) int {
		req, _ := http.NewRequest("GET", "https://"+host.Addr+"/v1/plugins", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := raw.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := get("Bearer " + host.Key); code != http.StatusOK {
		t.Fatalf("bearer token: %d", code)
	}
	if code := get("Basic " + base64.StdEncoding.EncodeToString([]byte("admin:"+host.Key))); code != http.StatusUnauthorized {
		t.Fatalf("basic auth with a user other than core: %d", code)
	}
	wrong := host
	wrong.Key = strings.Repeat("0", 64)
	_, err := c.Ping(runCtx(t, 5*time.Second), wrong)
	if client.StatusOf(err) != client.StatusAuthError || !strings.Contains(err.Error(), "401") {
		t.Fatalf("wrong key: status %s, err %v", client.StatusOf(err), err)
	}
	for i := 0; i < 12; i++ {
		get("Bearer wrong")
	}
	if code := get("Bearer " + host.Key); code != http.StatusTooManyRequests {
		t.Fatalf("after repeated failures the address should be limited, got %d", code)
	}
}

func TestFingerprintMismatchIsRefused(t *testing.T) {
	host := startAgent(t)
	real := host.Fingerprint
	host.Fingerprint = strings.Repeat("ab", 32)
	_, err := client.New(client.Options{}).Ping(runCtx(t, 5*time.Second), host)
	var pin *client.PinError
	if !errors.As(err, &pin) || client.StatusOf(err) != client.StatusAuthError {
		t.Fatalf("want a pin error, got %v", err)
	}
	want := "certificate fingerprint mismatch: expected " + host.Fingerprint + ", got " + real
	if !strings.Contains(err.Error(), want) {
		t.Fatalf("error %q lacks %q", err, want)
	}
	got, err := client.FetchFingerprint(runCtx(t, 5*time.Second), host.Addr)
	if err != nil || got != real {
		t.Fatalf("FetchFingerprint = %s, %v; want %s", got, err, real)
	}
}

func TestHungPluginIsKilledWithItsChild(t *testing.T) {
	host := startAgent(t)
	c := client.New(client.Options{})
	pidFile := filepath.Join(t.TempDir(), "child.pid")
	src := scriptPlugin(t, "com.example.hang", "1.0.0", "json", "sleep 1000 &\necho $! > "+pidFile+"\nsleep 1000\n")
	start := time.Now()
	res := c.Run(runCtx(t, 3*time.Second), host, "com.example.hang", src, nil)
	if res.Status != client.StatusTimeout || !strings.Contains(res.Message, "timeout") {
		t.Fatalf("want timeout, got %+v", res)
	}
	if took := time.Since(start); took > 10*time.Second { // the plugin would sleep 1000 s
		t.Fatalf("run returned after %v", took)
	}
	raw, _ := os.ReadFile(pidFile)
	pid, err := strconv.Atoi(strings.TrimSpace(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	if !eventuallyGone(pid) {
		t.Fatalf("child %d survived", pid)
	}
	if _, err := c.Ping(runCtx(t, 5*time.Second), host); err != nil {
		t.Fatalf("agent stopped serving: %v", err)
	}
}

func eventuallyGone(pid int) bool {
	for range 500 {
		stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if syscall.Kill(pid, 0) != nil || err != nil || strings.Contains(string(stat), ") Z ") {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

func TestOutputHandling(t *testing.T) {
	host := startAgent(t)
	c := client.New(client.Options{})
	tests := []struct {
		name, script string
		status       client.Status
		message      string
		truncated    bool
		value        float64
	}{
		{"json", `echo "{\"value\": $PROPHASIS_ARG_SIZE.5, \"message\": \"size $1 $2\"}"`, client.StatusOK, "size --size 7", false, 7.5},
		{"100 MB capped", "head -c 100000000 /dev/zero | tr '\\0' x\n", client.StatusPluginError, `output starts with "xxxx`, true, 0},
		{"not json", "echo 'Traceback (most recent call last):'\nexit 1\n", client.StatusPluginError, `output starts with "Traceback (most recent call last):`, false, 0},
		{"empty output", "", client.StatusPluginError, "not a JSON object", false, 0},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := "com.example.out" + strconv.Itoa(i)
			res := c.Run(runCtx(t, 15*time.Second), host, id, scriptPlugin(t, id, "1.0.0", "json", tt.script), map[string]string{"size": "7"})
			if res.Status != tt.status || !strings.Contains(res.Message, tt.message) || res.OutputTruncated != tt.truncated {
				t.Fatalf("got %+v", res)
			}
			if tt.value != 0 && (res.Value == nil || *res.Value != tt.value) {
				t.Fatalf("value %v, want %v", res.Value, tt.value)
			}
		})
	}
}

func TestSyncInstallsUpgradesAndDowngrades(t *testing.T) {
	host := startAgent(t)
	c := client.New(client.Options{})
	v2 := scriptPlugin(t, "com.example.v", "2.0.0", "json", `echo '{"value": 2}'`)
	v1 := scriptPlugin(t, "com.example.v", "1.10.0", "json", `echo '{"value": 1}'`)
	for _, step := range []struct {
		src  client.ArchiveSource
		want float64
	}{{v2, 2}, {v2, 2}, {v1, 1}} {
		res := c.Run(runCtx(t, 10*time.Second), host, "com.example.v", step.src, nil)
		if res.Status != client.StatusOK || *res.Value != step.want || res.PluginSHA256 != step.src.SHA256() {
			t.Fatalf("want value %v from %s, got %+v", step.want, step.src.SHA256(), res)
		}
	}
	list, err := c.Plugins(runCtx(t, 5*time.Second), host)
	if err != nil || len(list) != 1 || list[0].Version != "1.10.0" {
		t.Fatalf("plugins %+v %v", list, err)
	}
	res := c.Run(runCtx(t, 10*time.Second), host, "com.example.v", v1, map[string]string{"nope": "1"})
	if res.Status != client.StatusRequestError || !strings.Contains(res.Message, "unknown argument") {
		t.Fatalf("unknown argument: %+v", res)
	}
}

func TestUnsafeArchiveIsRejectedOverHTTPS(t *testing.T) {
	host := startAgent(t)
	c := client.New(client.Options{})
	evil := client.Bytes(evilArchive(t))
	_, err := c.Install(runCtx(t, 5*time.Second), host, "com.example.evil", evil)
	var e *client.Error
	if !errors.As(err, &e) || e.Code != api.CodeInvalidPlugin || client.StatusOf(err) != client.StatusPluginError {
		t.Fatalf("want invalid_plugin, got %v", err)
	}
	bad := client.Bytes([]byte("not gzip"))
	_, err = c.Install(runCtx(t, 5*time.Second), host, "com.example.evil", bad)
	if client.StatusOf(err) != client.StatusPluginError {
		t.Fatalf("garbage archive: %v", err)
	}
}

// BenchmarkRunHeartbeat measures a full check through a real agent: HTTPS
// call, process group start of a sh script, output parsing.
func BenchmarkRunHeartbeat(b *testing.B) {
	host := startAgent(b)
	c := client.New(client.Options{})
	src := scriptPlugin(b, "com.example.hb", "1.0.0", "json", `echo '{"value": 1}'`)
	for b.Loop() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		if res := c.Run(ctx, host, "com.example.hb", src, nil); res.Status != client.StatusOK {
			b.Fatalf("%+v", res)
		}
		cancel()
	}
}

func TestShutdownKillsRunningPlugins(t *testing.T) {
	host, stop := startAgentStoppable(t)
	c := client.New(client.Options{})
	pidFile := filepath.Join(t.TempDir(), "child.pid")
	src := scriptPlugin(t, "com.example.long", "1.0.0", "json", "sleep 1000 &\necho $! > "+pidFile+"\nwait\n")
	done := make(chan client.Result, 1)
	go func() { done <- c.Run(runCtx(t, 15*time.Second), host, "com.example.long", src, nil) }()
	for i := 0; i < 500; i++ {
		if _, err := os.Stat(pidFile); err == nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	start := time.Now()
	if err := stop(); err != nil {
		t.Fatalf("serve: %v", err)
	}
	if took := time.Since(start); took > 10*time.Second { // a stuck run would hold it for 1000 s
		t.Fatalf("shutdown took %v with a 200ms grace", took)
	}
	raw, _ := os.ReadFile(pidFile)
	pid, err := strconv.Atoi(strings.TrimSpace(string(raw)))
	if err != nil || !eventuallyGone(pid) {
		t.Fatalf("plugin child %d survived the agent's shutdown (%v)", pid, err)
	}
	if res := <-done; res.Status == client.StatusOK {
		t.Fatalf("interrupted run reported ok: %+v", res)
	}
}
