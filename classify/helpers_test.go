package classify

import (
	"testing"
	"time"
)

func TestHelpers(t *testing.T) {
	tests := []struct {
		name, expr, want string
	}{
		{"max", `arrayMax({3, 9, -2})`, "9"},
		{"max negative", `arrayMax({-3, -9})`, "-3"},
		{"max empty", `arrayMax({})`, "nil"},
		{"max skips holes", `arrayMax({nil, 4, nil, 7})`, "7"},
		{"max ignores string keys", `arrayMax({1, x = 100})`, "1"},
		{"min", `arrayMin({3, 9, -2})`, "-2"},
		{"min empty", `arrayMin({})`, "nil"},
		{"avg", `arrayAvg({1, 2, 3, 4})`, "2.5"},
		{"avg skips holes", `arrayAvg({nil, 2, nil, 4})`, "3"},
		{"avg single", `arrayAvg({7})`, "7"},
		{"avg empty", `arrayAvg({})`, "nil"},
		{"avg of values with a hole", `arrayAvg(values)`, "20"},
		{"sum", `arraySum({1, 2, 3.5})`, "6.5"},
		{"sum empty", `arraySum({})`, "0"},
		{"sum ignores strings", `arraySum({1, "2", 3})`, "4"},
		{"count", `arrayCount({1, nil, "a", 3})`, "3"},
		{"count of value", `arrayCount({"down", "up", "down"}, "down")`, "2"},
		{"count of messages", `arrayCount(messages, "timeout")`, "2"},
		{"contains", `arrayContains({"a", "b"}, "b")`, "true"},
		{"contains not", `arrayContains({"a", "b"}, "c")`, "false"},
		{"contains number", `arrayContains({1, 2}, 2)`, "true"},
		{"contains no coercion", `arrayContains({1, 2}, "2")`, "false"},
		{"count global", `count`, "4"},
		{"values order", `values[1] .. "," .. tostring(values[2]) .. "," .. values[3] .. "," .. values[4]`, "10,nil,20,30"},
	}
	h := newMemHistory()
	key := SeriesKey{HostID: 1, PluginID: "cpu"}
	h.add(key, testNow.Add(-3*time.Minute), num(30), "timeout", "ok")
	h.add(key, testNow.Add(-2*time.Minute), num(20), "fine", "ok")
	h.add(key, testNow.Add(-1*time.Minute), nil, "timeout", "ok")
	e, _ := testEngine(t, Config{}, h)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := e.Classify(t.Context(), Classifier{ID: "h", Code: `return "ok", tostring(` + tt.expr + `)`, HistoryDepth: 4}, input(num(10), "now"))
			if err != nil || out.Err != nil || out.Reason != tt.want {
				t.Fatalf("%s = %q (%v %v), want %q", tt.expr, out.Reason, err, out.Err, tt.want)
			}
		})
	}
}
