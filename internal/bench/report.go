package bench

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/schollz/progressbar/v3"
)

// WriteTable prints rows as an aligned table: benchmark, metric, value,
// target and whether it was met.
func WriteTable(w io.Writer, rows []Row) error {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "BENCH\tMETRIC\tVALUE\tTARGET\tMET")
	for _, r := range rows {
		met := ""
		if r.Met != nil {
			met = map[bool]string{true: "yes", false: "NO"}[*r.Met]
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Bench, r.Metric, r.Value, r.Target, met)
	}
	return tw.Flush()
}

// Bar is a Progress drawn on a terminal.
type Bar struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

// NewBar draws progress on w, which should be a terminal.
func NewBar(w io.Writer) *Bar { return &Bar{w: w} }

// Start begins a new bar of total steps.
func (b *Bar) Start(what string, total int) {
	b.Done()
	b.bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(b.w), progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100_000_000))
}

// Step advances the bar.
func (b *Bar) Step(n int) {
	if b.bar != nil {
		_ = b.bar.Add(n)
	}
}

// Done removes the bar.
func (b *Bar) Done() {
	if b.bar != nil {
		_ = b.bar.Finish()
		b.bar = nil
	}
}

// Silent is a Progress that shows nothing (output is not a terminal).
type Silent struct{}

// Start does nothing.
func (Silent) Start(string, int) {}

// Step does nothing.
func (Silent) Step(int) {}

// Done does nothing.
func (Silent) Done() {}
