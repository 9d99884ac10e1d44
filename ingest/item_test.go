package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/prophasis/prophasis/agent/perfdata"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/sched"
)

func TestNewItemRefusesWhatCanNeverBeStored(t *testing.T) {
	ok := result(1, "test.cpu", t0, 1, state.OK)
	tests := []struct {
		name   string
		change func(r *Result)
	}{
		{"no host", func(r *Result) { r.Job.HostID = 0 }},
		{"no plugin", func(r *Result) { r.Job.PluginID = "" }},
		{"unknown status", func(r *Result) { r.Status = "exploded" }},
		{"health state as classification", func(r *Result) { r.State = state.Degraded }},
		{"no classification", func(r *Result) { r.State = "" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := ok
			tc.change(&r)
			if _, err := newItem(r); !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
		})
	}
}

func TestNewItemCleansPluginOutput(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	r := result(1, "test.cpu", t0, 0, state.OK)
	r.Value = &nan
	r.Message = "a\x00b\xffc" + strings.Repeat("x", 2*maxMessage)
	r.Perfdata = []perfdata.Point{{Label: "load", Value: &inf}}
	it, err := newItem(r)
	if err != nil {
		t.Fatal(err)
	}
	if it.row.Value != nil {
		t.Errorf("NaN stored as %v", *it.row.Value)
	}
	if !strings.HasPrefix(it.row.Message, "ab\uFFFDc") || len(it.row.Message) > maxMessage {
		t.Errorf("message %q... (%d bytes)", it.row.Message[:8], len(it.row.Message))
	}
	var pts []perfdata.Point
	if err := json.Unmarshal(it.row.Perfdata, &pts); err != nil || len(pts) != 1 || pts[0].Value != nil {
		t.Errorf("perfdata %s: %v", it.row.Perfdata, err)
	}
}

func FuzzNewItem(f *testing.F) {
	f.Add("plain", 1.5, "load", "ok")
	f.Add("nul\x00in the middle", math.Inf(-1), "\xff\xfe", "timeout")
	f.Add(strings.Repeat("é", maxMessage), math.NaN(), "", "plugin_error")
	f.Fuzz(func(t *testing.T, msg string, v float64, label, status string) {
		r := result(1, "test.cpu", t0, v, state.Minor)
		r.Message, r.Status = msg, sched.Status(status)
		r.Perfdata = []perfdata.Point{{Label: label, Value: &v, Min: &v}}
		it, err := newItem(r)
		if err != nil {
			return
		}
		row := it.row
		if !utf8.ValidString(row.Message) || strings.ContainsRune(row.Message, 0) || len(row.Message) > maxMessage {
			t.Fatalf("message not storable: %q", row.Message)
		}
		if row.Value != nil && (math.IsNaN(*row.Value) || math.IsInf(*row.Value, 0)) {
			t.Fatalf("value %v not storable", *row.Value)
		}
		if !json.Valid(row.Perfdata) {
			t.Fatalf("perfdata %q is not JSON", row.Perfdata)
		}
	})
}

func TestRefusedOnlyForBadData(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"foreign key", &pgconn.PgError{Code: "23503"}, true},
		{"invalid text", &pgconn.PgError{Code: "22021"}, true},
		{"admin shutdown", &pgconn.PgError{Code: "57P01"}, false},
		{"missing table", &pgconn.PgError{Code: "42P01"}, false},
		{"permission", &pgconn.PgError{Code: "42501"}, false},
		{"deadlock", &pgconn.PgError{Code: "40P01"}, false},
		{"network", errors.New("dial tcp: connection refused"), false},
		{"wrapped", fmt.Errorf("storage: copy: %w", &pgconn.PgError{Code: "23514"}), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := refused(tc.err); got != tc.want {
				t.Fatalf("refused(%v) = %v, want %v", tc.err, got, tc.want)
			}
		})
	}
}
