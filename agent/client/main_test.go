package client

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/agent/mock"
)

// mockListenEnv, when set, turns the test binary into a mock agent
// listening on the comma-separated addresses it holds, so that memory and
// CPU figures of the client are not mixed with the server's.
const mockListenEnv = "PROPHASIS_CLIENT_TEST_MOCK"

func TestMain(m *testing.M) {
	if listen := os.Getenv(mockListenEnv); listen != "" {
		os.Exit(serveMock(strings.Split(listen, ",")))
	}
	os.Exit(m.Run())
}

// serveMock serves until stdin closes, after printing its fingerprint and
// addresses on one line.
func serveMock(listen []string) int {
	dir, err := os.MkdirTemp("", "client-mock-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	data := filepath.Join(dir, "mock.json")
	if err := os.WriteFile(data, []byte(`{"hosts":{"*":{"*":{"value":42,"message":"ok"}}}}`), 0o600); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	srv, err := mock.Start(mock.Config{DataFile: data, Listen: listen})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer srv.Close()
	fmt.Println(srv.Fingerprint(), strings.Join(srv.Addrs(), ","))
	_, _ = io.Copy(io.Discard, os.Stdin)
	return 0
}

// MockProcess is a mock agent on n loopback addresses in a child process
// (the test binary itself), stopped when the test ends.
type MockProcess struct {
	Fingerprint string
	Addrs       []string
}

// StartMockProcess starts a MockProcess on 127.0.2.1, 127.0.2.2, ...
func StartMockProcess(t testing.TB, n int) *MockProcess {
	t.Helper()
	listen := make([]string, n)
	for i := range listen {
		listen[i] = fmt.Sprintf("127.0.%d.%d:0", 2+i/250, 1+i%250)
	}
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), mockListenEnv+"="+strings.Join(listen, ","))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stdin.Close(); _ = cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	fp, addrs, ok := strings.Cut(strings.TrimSpace(line), " ")
	if err != nil || !ok {
		t.Fatalf("mock process did not start: %q %v", line, err)
	}
	return &MockProcess{Fingerprint: fp, Addrs: strings.Split(addrs, ",")}
}
