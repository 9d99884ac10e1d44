package luapattern

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestFindStopsAtDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := Find(ctx, ".-.-.-.-b", []byte(strings.Repeat("a", 500)), 0, 1, 1000)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 10*time.Second {
		t.Fatalf("err %v after %s, want the deadline", err, time.Since(start))
	}
}

func TestFindDepthLimit(t *testing.T) {
	_, err := Find(context.Background(), ".*b", []byte(strings.Repeat("a", 10_000)), 0, 1, 1000)
	if !errors.Is(err, ErrTooDeep) {
		t.Fatalf("err %v, want ErrTooDeep", err)
	}
}

func TestFindUnchangedSemantics(t *testing.T) {
	tests := []struct {
		pat, src string
		start    []int
	}{
		{"%d+", "ab12c345", []int{2, 5}},
		{"^a", "aXa", []int{0}},
		{"()", "ab", []int{0, 1, 2}},
		{"%bxy", "xaxbyy", []int{0}},
		{"[%a_][%w_]*", "1 a_b c9", []int{2, 6}},
	}
	for _, tt := range tests {
		ms, err := Find(context.Background(), tt.pat, []byte(tt.src), 0, -1, 1000)
		if err != nil || len(ms) != len(tt.start) {
			t.Fatalf("%q in %q: %d matches, %v", tt.pat, tt.src, len(ms), err)
		}
		for i, m := range ms {
			if m.Capture(0) != tt.start[i] {
				t.Errorf("%q in %q: match %d at %d, want %d", tt.pat, tt.src, i, m.Capture(0), tt.start[i])
			}
		}
	}
}
