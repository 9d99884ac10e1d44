package dryrun_test

import (
	"testing"

	"github.com/prophasis/prophasis/internal/pgtest"
)

// TestMain gives the tests a real, migrated PostgreSQL.
func TestMain(m *testing.M) { pgtest.Main(m) }
