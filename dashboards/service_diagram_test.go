package dashboards

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// TestServiceDiagram checks the tree the editor and the service page draw:
// ids deleted meanwhile are left out, labels name the kind of box, health
// is in the label (and colours the box) when known, and the height grows
// with the leaves.
func TestServiceDiagram(t *testing.T) {
	known := subjectNames{Hosts: map[int64]string{1: "db1", 2: "web1", 3: "web2"}, Groups: map[int64]string{5: "balancers"}}
	in := storage.ServiceInput{Name: "shop", Hosts: []int64{1, 99}, Groups: []int64{5},
		Redundancy: []storage.RedundancyGroup{{Name: "web", Hosts: []int64{2, 3}}}}
	root := structureDiagram(in, known)
	if got := labelsOf(root); !slices.Equal(got, []string{"shop", "db1", "group balancers", "one of: web", "web1", "web2"}) {
		t.Fatalf("editor tree %q", got)
	}
	d := newServiceDiagram(root)
	if d.Height != "128px" || !d.Chart.SVG {
		t.Errorf("height %s (4 leaves), svg %v", d.Height, d.Chart.SVG)
	}
	var opt struct {
		Series []struct {
			Type string `json:"type"`
			Data []struct {
				Name      string            `json:"name"`
				ItemStyle map[string]string `json:"itemStyle"`
				Children  []json.RawMessage `json:"children"`
			} `json:"data"`
		} `json:"series"`
	}
	b, err := json.Marshal(d.Chart.Option)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &opt); err != nil || len(opt.Series) != 1 || opt.Series[0].Type != "tree" ||
		opt.Series[0].Data[0].Name != "shop" || len(opt.Series[0].Data[0].Children) != 3 || opt.Series[0].Data[0].ItemStyle != nil {
		t.Fatalf("option %s (%v)", b, err)
	}

	r := serviceReport{Name: "shop", Row: healthRow{State: state.Degraded},
		Members:    []healthRow{{Name: "db1", State: state.OK}},
		Redundancy: []redundancyReport{{Row: healthRow{Name: "web", State: state.OK}, Members: []healthRow{{Name: "web1", State: state.Critical}, {Name: "web2", State: state.OK}}}}}
	page := newServiceDiagram(reportDiagram(r))
	b, _ = json.Marshal(page.Chart.Option)
	_ = json.Unmarshal(b, &opt)
	if top := opt.Series[0].Data[0]; top.Name != "shop (degraded)" || top.ItemStyle["color"] != stateColour(state.Degraded) {
		t.Fatalf("service box %+v", top)
	}
	if got := labelsOf(reportDiagram(r)); !slices.Contains(got, "web1") || page.Height != "120px" {
		t.Errorf("report tree %q, height %s", got, page.Height)
	}
}

// labelsOf lists a tree's labels depth first.
func labelsOf(n diagramNode) []string {
	out := []string{n.Label}
	for _, c := range n.Children {
		out = append(out, labelsOf(c)...)
	}
	return out
}
