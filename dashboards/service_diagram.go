package dashboards

import (
	"fmt"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// diagramNode is one box of a service's dependency diagram: the service,
// a host or host group it needs, or a redundancy group with its members.
// State is empty in the editor, which draws the structure only.
type diagramNode struct {
	Label    string
	State    state.State
	Children []diagramNode
}

// serviceDiagram is a service's dependencies drawn as a tree, left to
// right: what the service needs all of, then each redundancy group and
// the members of which it needs one.
type serviceDiagram struct {
	Chart  chart
	Height string // CSS height: one row per leaf
}

// newServiceDiagram draws root with go-echarts' tree, in SVG so that its
// labels are text in the page (screen readers, find in page). Labels are
// data, as in every chart (see chart); the diagram has no tooltip.
func newServiceDiagram(root diagramNode) serviceDiagram {
	tree := charts.NewTree()
	tree.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(false)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	)
	// Inner boxes are labelled on their left, leaves on their right; the
	// margins leave room for both.
	tree.AddSeries("dependencies", []opts.TreeData{treeData(root)}, charts.WithTreeOpts(opts.TreeChart{
		Layout: "orthogonal", Orient: "LR", InitialTreeDepth: -1, ExpandAndCollapse: opts.Bool(false),
		Left: "18%", Right: "26%", Top: "16", Bottom: "16",
		Label:  &opts.Label{Show: opts.Bool(true), Position: "left", Color: "#212529"},
		Leaves: &opts.TreeLeaves{Label: &opts.Label{Show: opts.Bool(true), Position: "right", Color: "#212529"}},
	}))
	c := chart{Option: tree.JSON(), SVG: true}
	return serviceDiagram{Chart: c, Height: strconv.Itoa(max(120, 32*leaves(root))) + "px"}
}

// diagramLabelMax is the longest label a box shows, in characters: the
// tables and lists beside the diagram give names in full, and a long one
// would push the tree off a phone's screen.
const diagramLabelMax = 32

func treeData(n diagramNode) opts.TreeData {
	label := n.Label
	if r := []rune(label); len(r) > diagramLabelMax {
		label = string(r[:diagramLabelMax-1]) + "…"
	}
	d := opts.TreeData{Name: label, Symbol: "circle", SymbolSize: 12}
	if n.State != "" {
		d.Name = fmt.Sprintf("%s (%s)", label, n.State)
		d.ItemStyle = &opts.ItemStyle{Color: stateColour(n.State)}
	}
	for _, c := range n.Children {
		t := treeData(c)
		d.Children = append(d.Children, &t)
	}
	return d
}

func leaves(n diagramNode) int {
	if len(n.Children) == 0 {
		return 1
	}
	sum := 0
	for _, c := range n.Children {
		sum += leaves(c)
	}
	return sum
}

// stateColour is a state's solid colour, in the badges' hues.
func stateColour(s state.State) string {
	switch s {
	case state.OK:
		return "#198754"
	case state.Unknown:
		return "#6c757d"
	case state.Degraded:
		return "#0dcaf0"
	case state.Minor:
		return "#ffc107"
	case state.Major:
		return "#fd7e14"
	case state.Critical:
		return "#dc3545"
	}
	return "#adb5bd"
}

// structureDiagram is the editor's tree of in: ids not in known (deleted
// meanwhile) are left out, as saving leaves them out. Its labels are the
// ones reportDiagram gives.
func structureDiagram(in storage.ServiceInput, known subjectNames) diagramNode {
	root := diagramNode{Label: in.Name, Children: memberNodes(in.Hosts, in.Groups, known)}
	for _, r := range in.Redundancy {
		root.Children = append(root.Children, diagramNode{Label: "one of: " + r.Name, Children: memberNodes(r.Hosts, r.Groups, known)})
	}
	return root
}

func memberNodes(hosts, groups []int64, known subjectNames) []diagramNode {
	var out []diagramNode
	for _, id := range hosts {
		if name, ok := known.Hosts[id]; ok {
			out = append(out, diagramNode{Label: name})
		}
	}
	for _, id := range groups {
		if name, ok := known.Groups[id]; ok {
			out = append(out, diagramNode{Label: "group " + name})
		}
	}
	return out
}

// reportDiagram is the service page's tree, each box with its health.
func reportDiagram(r serviceReport) diagramNode {
	root := diagramNode{Label: r.Name, State: r.Row.State, Children: rowNodes(r.Members)}
	for _, g := range r.Redundancy {
		root.Children = append(root.Children, diagramNode{Label: "one of: " + g.Row.Name, State: g.Row.State, Children: rowNodes(g.Members)})
	}
	return root
}

func rowNodes(rows []healthRow) []diagramNode {
	out := make([]diagramNode, len(rows))
	for i, r := range rows {
		out[i] = diagramNode{Label: r.Name, State: r.State}
	}
	return out
}
