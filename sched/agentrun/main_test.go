package agentrun_test

import (
	"testing"

	"github.com/prophasis/prophasis/internal/pgtest"
)

// TestMain lets the database-backed tests use a real PostgreSQL; it is
// started only if one of them runs.
func TestMain(m *testing.M) { pgtest.Main(m) }
