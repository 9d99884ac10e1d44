package webhook

import (
	"testing"
	"time"
)

// FuzzVerify: any header values and body are rejected or accepted without
// panicking, and whatever Sign produced always verifies.
func FuzzVerify(f *testing.F) {
	f.Add("k", "1800000000", "v1=00", []byte(`{}`))
	f.Add("", "-9223372036854775808", "", []byte(nil))
	f.Add("s", " 99999999999999999999", "v1=zz", []byte("\x00"))
	now := time.Unix(1_800_000_000, 0)
	f.Fuzz(func(t *testing.T, secret, ts, sig string, body []byte) {
		_ = Verify(secret, ts, sig, body, now, time.Minute)
		if err := Verify(secret, "1800000000", Sign(secret, now.Unix(), body), body, now, time.Minute); err != nil {
			t.Fatalf("own signature rejected: %v", err)
		}
	})
}
