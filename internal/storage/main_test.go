package storage_test

import (
	"testing"

	"github.com/prophasis/prophasis/internal/pgtest"
)

// TestMain gives the package's tests a real, migrated PostgreSQL (one server
// per test binary, one cloned database per test).
func TestMain(m *testing.M) { pgtest.Main(m) }
