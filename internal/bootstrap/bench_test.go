package bootstrap

import (
	"context"
	"testing"

	"github.com/prophasis/prophasis/internal/pgtest"
)

// BenchmarkInstallUnchanged is the cost every start pays once the stock
// plugins are stored: packing them and one lookup per plugin.
func BenchmarkInstallUnchanged(b *testing.B) {
	ctx, db := context.Background(), pgtest.Plain(b)
	if err := Install(ctx, db, quiet); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := Install(ctx, db, quiet); err != nil {
			b.Fatal(err)
		}
	}
}
