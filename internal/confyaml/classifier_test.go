package confyaml

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/storage"
)

// TestDefaultClassifierFollowsTheArchive uploads a plugin: its default
// classifier is not exported until edited, an edited one survives export
// and apply into an empty database, and leaving it out of the file resets
// it to the archive's.
func TestDefaultClassifierFollowsTheArchive(t *testing.T) {
	src, dst := pgtest.Plain(t), pgtest.Plain(t)
	ctx := context.Background()
	dir := t.TempDir()
	id, version, name := stockArchive(t, dir)
	f := File{Version: Version, Plugins: []Plugin{{ID: id, Version: version, Archive: name}}}
	if _, err := Apply(ctx, src, f, Options{Dir: dir}); err != nil {
		t.Fatal(err)
	}
	if got := exportText(t, src); strings.Contains(got, "classifiers:") {
		t.Fatalf("the archive's own classifier is exported:\n%s", got)
	}
	archived, depth, err := storage.DefaultClassifier(ctx, src, id)
	if err != nil {
		t.Fatal(err)
	}
	if err := storage.SaveDefaultClassifier(ctx, src, id, "-- edited\n"+archived, depth+2, nil); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	exported := exportWithArchives(t, src, out)
	if len(exported.Classifiers) != 1 || !strings.HasPrefix(string(exported.Classifiers[0].Code), "-- edited\n") {
		t.Fatalf("exported classifiers %+v", exported.Classifiers)
	}
	changes, err := Apply(ctx, dst, exported, Options{Dir: out})
	if err != nil || !slices.Equal(changeStrings(changes), []string{"+ plugin " + id + " " + version, "~ classifier " + id}) {
		t.Fatalf("apply into an empty database: %q, %v", changeStrings(changes), err)
	}
	a, _ := Marshal(exported)
	b, _ := Marshal(exportWithArchives(t, dst, out))
	if string(a) != string(b) {
		t.Errorf("export of the copy:\n%s\nwant:\n%s", b, a)
	}
	changes, err = Apply(ctx, src, f, Options{Dir: dir})
	if err != nil || !slices.Equal(changeStrings(changes), []string{"~ classifier " + id}) {
		t.Fatalf("apply without the classifier: %q, %v", changeStrings(changes), err)
	}
	if code, d, err := storage.DefaultClassifier(ctx, src, id); err != nil || code != archived || d != depth {
		t.Errorf("default after reset: depth %d (%v), code %q; want the archive's", d, err, code)
	}
}

// TestClassifierCodeSurvivesMarshal writes awkward code (no final line
// break, leading and trailing blanks, tabs, CRLF, blank lines at the end)
// and reads back exactly the same bytes.
func TestClassifierCodeSurvivesMarshal(t *testing.T) {
	for _, code := range []string{
		"return 1", "return 1\n", "  return 1\n", "return 1   \n", "\treturn 1\n", " \treturn 1\n", "\n\treturn 1\n", "x = 1\n\treturn x\n", "x = 1\r\nreturn x\r\n",
		"return 1\n\n\n", "\nreturn 1\n", "-- #: not a comment in YAML\nreturn 1\n", "return \"\\u00e9\" -- é\n",
	} {
		f := File{Version: Version, Classifiers: []Classifier{{Plugin: "com.x.y", Code: Lua(code)}}}
		out, err := Marshal(f)
		if err != nil {
			t.Fatalf("%q: %v", code, err)
		}
		back, err := Parse(strings.NewReader(string(out)))
		if err != nil || len(back.Classifiers) != 1 || string(back.Classifiers[0].Code) != code {
			t.Errorf("%q came back as %+v (%v) from:\n%s", code, back.Classifiers, err, out)
		}
	}
}
