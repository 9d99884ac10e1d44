package query

import (
	"slices"
	"testing"

	"github.com/prophasis/prophasis/internal/state"
)

// FuzzRedundancyOrder: for any members, including invalid states, the
// result is the same in every order tried and is never an invalid state.
func FuzzRedundancyOrder(f *testing.F) {
	f.Add([]byte{0, 1, 6})
	f.Add([]byte{4, 4, 6, 0, 0})
	f.Add([]byte{9, 1, 255})
	f.Fuzz(func(t *testing.T, raw []byte) {
		members := make([]state.State, len(raw))
		for i, b := range raw {
			if s, err := state.FromSeverity(int(b % 8)); err == nil {
				members[i] = s
			} else {
				members[i] = "bogus"
			}
		}
		want := RedundancyHealth(members...)
		if !want.Valid() {
			t.Fatalf("RedundancyHealth(%v) = %q", members, want)
		}
		rev := slices.Clone(members)
		slices.Reverse(rev)
		sorted := slices.Clone(members)
		slices.Sort(sorted)
		for _, p := range [][]state.State{rev, sorted} {
			if got := RedundancyHealth(p...); got != want {
				t.Fatalf("order changed the result: %v → %s, %v → %s", members, want, p, got)
			}
		}
	})
}
