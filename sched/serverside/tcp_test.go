package serverside

import (
	"context"
	"net"
	"strconv"
	"testing"

	"github.com/prophasis/prophasis/sched"
)

func TestTCPCheck(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	gone, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	gone.Close()
	port := func(l net.Listener) string { return strconv.Itoa(l.Addr().(*net.TCPAddr).Port) }
	tests := []struct {
		name       string
		address    string
		args       map[string]string
		wantStatus sched.Status
		wantExit   int
		wantMsg    string
	}{
		{name: "open port on the host's address", address: "127.0.0.1", args: map[string]string{"port": port(ln)}, wantMsg: "TCP connect to 127.0.0.1:"},
		{name: "host argument overrides the address", address: "192.0.2.1", args: map[string]string{"host": "127.0.0.1", "port": port(ln)}, wantMsg: "in "},
		{name: "closed port", address: "127.0.0.1", args: map[string]string{"port": port(gone)}, wantExit: 2, wantMsg: "connection refused"},
		{name: "missing port", address: "127.0.0.1", wantStatus: sched.StatusPluginError, wantExit: 3, wantMsg: "argument port"},
		{name: "port out of range", address: "127.0.0.1", args: map[string]string{"port": "70000"}, wantStatus: sched.StatusPluginError, wantExit: 3, wantMsg: "argument port"},
		{name: "no address at all", args: map[string]string{"port": "80"}, wantStatus: sched.StatusPluginError, wantExit: 3, wantMsg: "argument host"},
	}
	r := New(Config{}, sched.System{})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := r.Run(context.Background(), sched.Job{PluginID: TCP, Address: tc.address, Args: tc.args})
			checkResult(t, res, tc.wantStatus, tc.wantExit, tc.wantMsg)
		})
	}
}

func TestUnknownServerSideCheck(t *testing.T) {
	res := New(Config{}, sched.System{}).Run(context.Background(), sched.Job{PluginID: "prophasis.snmp"})
	checkResult(t, res, sched.StatusPluginError, 3, `no server-side check "prophasis.snmp"`)
	if Handles("prophasis.snmp") || !Handles(HTTP) || !Handles(TCP) || !Handles(DNS) {
		t.Error("Handles disagrees with Run")
	}
}
