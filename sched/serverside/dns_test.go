package serverside

import (
	"context"
	"net"
	"testing"

	"golang.org/x/net/dns/dnsmessage"

	"github.com/prophasis/prophasis/sched"
)

// dnsServer answers A queries for db.example.test with 192.0.2.7 and
// NXDOMAIN for anything else, over UDP on loopback.
func dnsServer(t *testing.T) string {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	go func() {
		buf := make([]byte, 1500)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			if out, err := answer(buf[:n]); err == nil {
				_, _ = pc.WriteTo(out, from)
			}
		}
	}()
	return pc.LocalAddr().String()
}

func answer(query []byte) ([]byte, error) {
	var p dnsmessage.Parser
	h, err := p.Start(query)
	if err != nil {
		return nil, err
	}
	q, err := p.Question()
	if err != nil {
		return nil, err
	}
	h.Response, h.Authoritative = true, true
	known := q.Name.String() == "db.example.test."
	if !known {
		h.RCode = dnsmessage.RCodeNameError
	}
	b := dnsmessage.NewBuilder(nil, h)
	_ = b.StartQuestions()
	_ = b.Question(q)
	_ = b.StartAnswers()
	if known && q.Type == dnsmessage.TypeA {
		rh := dnsmessage.ResourceHeader{Name: q.Name, Class: dnsmessage.ClassINET, TTL: 60}
		_ = b.AResource(rh, dnsmessage.AResource{A: [4]byte{192, 0, 2, 7}})
	}
	return b.Finish()
}

func TestDNSCheck(t *testing.T) {
	server := dnsServer(t)
	tests := []struct {
		name       string
		address    string
		args       map[string]string
		wantStatus sched.Status
		wantExit   int
		wantMsg    string
	}{
		{name: "localhost from the system resolver", address: "localhost", args: map[string]string{"type": "A", "expect": "127.0.0.1"}, wantMsg: "localhost resolves to 127.0.0.1"},
		{name: "expected address missing", args: map[string]string{"name": "localhost", "type": "A", "expect": "192.0.2.99"}, wantExit: 2, wantMsg: "expected 192.0.2.99 is missing"},
		{name: "own server answers", args: map[string]string{"name": "db.example.test", "type": "A", "server": server, "expect": "192.0.2.7"}, wantMsg: "db.example.test resolves to 192.0.2.7"},
		{name: "own server: no such name", args: map[string]string{"name": "nope.example.test", "type": "A", "server": server}, wantExit: 2, wantMsg: "no such name"},
		{name: "bad type", args: map[string]string{"name": "localhost", "type": "MX"}, wantStatus: sched.StatusPluginError, wantExit: 3, wantMsg: "argument type"},
		{name: "bad server", args: map[string]string{"name": "localhost", "server": "dns.example"}, wantStatus: sched.StatusPluginError, wantExit: 3, wantMsg: "argument server"},
		{name: "bad expect", args: map[string]string{"name": "localhost", "expect": "not-an-ip"}, wantStatus: sched.StatusPluginError, wantExit: 3, wantMsg: "argument expect"},
		{name: "no name", wantStatus: sched.StatusPluginError, wantExit: 3, wantMsg: "argument name"},
	}
	r := New(Config{}, sched.System{})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := r.Run(context.Background(), sched.Job{PluginID: DNS, Address: tc.address, Args: tc.args})
			checkResult(t, res, tc.wantStatus, tc.wantExit, tc.wantMsg)
		})
	}
}
