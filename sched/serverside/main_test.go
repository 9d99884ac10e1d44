package serverside

import (
	"testing"

	"github.com/prophasis/prophasis/internal/pgtest"
)

// TestMain gives TestInstall a real PostgreSQL, started only if it runs.
func TestMain(m *testing.M) { pgtest.Main(m) }
