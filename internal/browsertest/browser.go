// Package browsertest drives Debian's chromium through chromedp for
// end-to-end tests of the web app: a real browser that runs the real
// JavaScript under the real Content-Security-Policy.
//
// One browser serves a whole test (start it once in a top-level test and run
// scenarios as subtests); each Page gets its own browser context, so cookies
// never leak between scenarios. Every step runs under a timeout, console
// errors and uncaught exceptions are collected, and screenshots go to the
// artifacts directory.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser is one running headless chromium.
type Browser struct {
	ctx context.Context // the browser's root tab context
}

// startTimeout bounds how long chromium may take to come up.
const startTimeout = 30 * time.Second

// Start launches chromium with a fresh profile directory and stops it (and
// removes the profile) when t ends. Without a chromium binary the test is
// skipped with a message saying what to install.
func Start(t testing.TB) *Browser {
	t.Helper()
	path := findChromium()
	if path == "" {
		t.Skip("browsertest: no chromium found; install it (Debian/Ubuntu: apt-get install chromium)")
	}
	profile, err := os.MkdirTemp("", "prophasis-chromium-")
	if err != nil {
		t.Fatalf("browsertest: profile dir: %v", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox, // tests run as root in containers, where the sandbox cannot start
		chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
		removeProfile(t, profile)
	})
	// The first Run starts chromium and ties it to ctx, so it must not
	// carry a deadline; the watchdog kills a browser that never comes up.
	watchdog := time.AfterFunc(startTimeout, cancel)
	if err := chromedp.Run(ctx); !watchdog.Stop() || err != nil {
		t.Fatalf("browsertest: start chromium: %v", err)
	}
	return &Browser{ctx: ctx}
}

// findChromium returns the browser binary: $PROPHASIS_CHROMIUM, or the
// first of Debian's and other distributions' names on PATH.
func findChromium() string {
	if p := os.Getenv("PROPHASIS_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// removeProfile deletes the profile directory. Chromium's helper processes
// can still be writing into it for a moment after the browser exits (there
// is nothing to wait on for them), so removal is retried briefly and a
// leftover directory is only logged: it is not a failure of the test.
func removeProfile(t testing.TB, dir string) {
	var err error
	for range 20 {
		if err = os.RemoveAll(dir); err == nil {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("browsertest: could not remove %s: %v", dir, err)
}
