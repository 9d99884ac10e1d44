package classify

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/state"
)

// stockDir holds the stock plugins with their default classifiers
// (owned by the agent package; read-only here).
const stockDir = "../agent/stock"

type stockCase struct {
	value *float64
	msg   string
	prev  []float64 // newest first
	want  state.State
}

// stockCases lists sample inputs per stock plugin. A stock plugin without
// cases fails the test, so none is ever skipped.
var stockCases = map[string][]stockCase{
	"com.prophasis.cpu_load": {
		{nil, "cannot read /proc/loadavg", nil, state.Unknown},
		{num(450), "", nil, state.Critical},
		{num(250), "", []float64{260, 210}, state.Major},
		{num(150), "", []float64{120, 101}, state.Minor},
		{num(250), "", []float64{50, 250}, state.OK},
		{num(30), "", nil, state.OK},
	},
	"com.prophasis.disk": {
		{num(96), "/var 96% used", nil, state.Critical}, {num(91), "", nil, state.Major},
		{num(85), "", nil, state.Minor}, {num(10), "", nil, state.OK}, {nil, "no such mount", nil, state.Unknown},
	},
	"com.prophasis.heartbeat": {{num(1), "", nil, state.OK}, {nil, "timeout", nil, state.Critical}},
	"com.prophasis.mdraid": {
		{num(0), "all arrays healthy", nil, state.OK}, {num(1), "md0: recovery = 12.5%", nil, state.Major},
		{num(1), "md0: [U_] failed", nil, state.Critical}, {nil, "no /proc/mdstat", nil, state.Unknown},
	},
	"com.prophasis.memory": {
		{num(98), "", nil, state.Critical}, {num(93), "", nil, state.Major}, {num(86), "", nil, state.Minor},
		{num(50), "", nil, state.OK}, {nil, "", nil, state.Unknown},
	},
	"com.prophasis.process": {{num(0), "nginx: none", nil, state.Critical}, {num(2), "", nil, state.OK}, {nil, "", nil, state.Unknown}},
	"com.prophasis.smart":   {{num(0), "FAILED", nil, state.Critical}, {num(1), "PASSED", nil, state.OK}, {nil, "", nil, state.Unknown}},
	"com.prophasis.zpool": {
		{num(0), "tank: ONLINE", nil, state.OK}, {num(1), "tank: DEGRADED", nil, state.Major},
		{num(1), "tank: FAULTED", nil, state.Critical}, {num(3), "tank: ONLINE, 3 data errors", nil, state.Minor},
		{nil, "zpool not found", nil, state.Unknown},
	},
}

func TestStockClassifiers(t *testing.T) {
	manifests, _ := filepath.Glob(filepath.Join(stockDir, "*", "manifest.json"))
	if len(manifests) == 0 {
		t.Fatalf("no stock plugins under %s", stockDir)
	}
	for _, path := range manifests {
		var m struct {
			ID         string `json:"id"`
			Classifier string `json:"classifier"`
			History    int    `json:"history"`
		}
		raw, err := os.ReadFile(path)
		if err == nil {
			err = json.Unmarshal(raw, &m)
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		t.Run(m.ID, func(t *testing.T) {
			code, err := os.ReadFile(filepath.Join(filepath.Dir(path), m.Classifier))
			if err != nil {
				t.Fatal(err)
			}
			if err := Compile(string(code)); err != nil {
				t.Fatalf("does not compile: %v", err)
			}
			cases := stockCases[m.ID]
			if len(cases) == 0 {
				t.Fatalf("no sample inputs for stock plugin %s: add some to stockCases", m.ID)
			}
			for i, c := range cases {
				runStockCase(t, m.ID, string(code), max(m.History, 1), i, c)
			}
		})
	}
}

func runStockCase(t *testing.T, id, code string, depth, i int, c stockCase) {
	t.Helper()
	h := newMemHistory()
	in := input(c.value, c.msg)
	in.PluginID = id
	for j, v := range c.prev {
		h.add(in.key(), testNow.Add(-time.Duration(j+1)*time.Minute), num(v), "", state.OK)
	}
	e, _ := testEngine(t, Config{}, h)
	out, err := e.Classify(t.Context(), Classifier{ID: id, Code: code, HistoryDepth: depth}, in)
	if err != nil || out.State != c.want || out.Err != nil {
		t.Errorf("case %d (value %v, %q): got %s %q %v, want %s", i, c.value, c.msg, out.State, out.Reason, out.Err, c.want)
	}
}
