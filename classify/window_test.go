package classify

import (
	"testing"
	"time"
)

func TestParseWindow(t *testing.T) {
	const day = 24 * time.Hour
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"15m", 15 * time.Minute, true},
		{"24h", 24 * time.Hour, true},
		{"7d", 7 * day, true},
		{"2w", 14 * day, true},
		{"90s", 90 * time.Second, true},
		{"400d", 400 * day, true},
		{"401d", 0, false},
		{"999999w", 0, false},
		{"0m", 0, false},
		{"-5m", 0, false},
		{"5", 0, false},
		{"m", 0, false},
		{"1.5h", 0, false},
		{"1h30m", 0, false},
		{" 1h", 0, false},
		{"1H", 0, false},
		{"01h", 0, false},
		{"1y", 0, false},
		{"", 0, false},
		{"1234567s", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseWindow(tt.in, 400*day)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseWindow(%q) = %v, %v; want %v ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func FuzzParseWindow(f *testing.F) {
	for _, s := range []string{"15m", "7d", "400d", "0s", "1h30m", "", "99999999999999999999d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseWindow(s, 400*24*time.Hour)
		if err == nil && (d <= 0 || d > 400*24*time.Hour) {
			t.Fatalf("ParseWindow(%q) = %v", s, d)
		}
	})
}
