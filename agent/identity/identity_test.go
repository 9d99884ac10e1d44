package identity

import (
	"crypto/x509"
	"strings"
	"testing"
	"time"
)

func TestKeyRoundTrip(t *testing.T) {
	key, err := NewKey()
	if err != nil || len(key) != 2*KeyBytes {
		t.Fatalf("key %q err %v", key, err)
	}
	other, _ := NewKey()
	h := HashKey(key)
	if !KeyMatches(key, h) || KeyMatches(other, h) || KeyMatches("", h) || KeyMatches(key, "nothex") {
		t.Fatal("key matching is wrong")
	}
}

func TestCertFingerprintIsSHA256OfDER(t *testing.T) {
	c, err := NewCert([]string{"agent.example", "127.0.0.1"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	pair, err := c.TLSCertificate()
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(pair.Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	if CertFingerprint(pair) != c.Fingerprint || len(leaf.IPAddresses) != 1 || leaf.DNSNames[0] != "agent.example" {
		t.Fatalf("fingerprint %s leaf %+v", c.Fingerprint, leaf.DNSNames)
	}
}

func TestNormalizeFingerprint(t *testing.T) {
	const fp = "a3f1000000000000000000000000000000000000000000000000000000000b2c"
	colons := strings.ToUpper(fp[:2] + ":" + fp[2:4] + ":" + fp[4:])
	for _, in := range []string{fp, colons, " SHA256:" + fp + " "} {
		if got, err := NormalizeFingerprint(in); err != nil || got != fp {
			t.Errorf("%q -> %q %v", in, got, err)
		}
	}
	for _, in := range []string{"", "abc", fp + "00", strings.Repeat("z", 64)} {
		if _, err := NormalizeFingerprint(in); err == nil {
			t.Errorf("accepted %q", in)
		}
	}
}
