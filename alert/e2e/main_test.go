// Package e2e_test runs the alert pipeline end to end: the engine on a real
// PostgreSQL through storage.AlertStore, with real channels delivering to an
// in-process SMTP server and httptest webhook receivers.
package e2e_test

import (
	"testing"

	"github.com/prophasis/prophasis/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }
