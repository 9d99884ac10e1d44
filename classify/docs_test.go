package classify

import (
	"os"
	"regexp"
	"testing"

	"github.com/prophasis/prophasis/internal/state"
)

// TestDocExamples runs every Lua example of docs/classifiers.md, so the
// documentation cannot drift from the engine.
func TestDocExamples(t *testing.T) {
	doc, err := os.ReadFile("../docs/classifiers.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```lua\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	if len(blocks) < 3 {
		t.Fatalf("found %d Lua examples", len(blocks))
	}
	e, _ := testEngine(t, Config{}, historyFixture())
	for _, b := range blocks {
		in := input(num(95), "load high")
		in.Args = map[string]string{"warn": "80", "crit": "90"}
		out, err := e.Classify(t.Context(), Classifier{ID: "doc", Code: b[1], HistoryDepth: 3}, in)
		if err != nil || out.Err != nil || out.State == state.Unknown {
			t.Errorf("example\n%s\ngave %s %v %v", b[1], out.State, out.Err, err)
		}
	}
}
