package doctor_test

import (
	"testing"

	"github.com/prophasis/prophasis/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }
