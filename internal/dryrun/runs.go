package dryrun

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/internal/state"
)

// Run is a stretch of consecutive results classified the same.
type Run struct {
	State    state.State
	From, To time.Time // first and last result of the run
	Results  int
	// Reason is the reason of the run's first result.
	Reason string
}

// Runs compresses a timeline into runs of equal state.
func Runs(steps []classify.Step) []Run {
	var runs []Run
	for _, s := range steps {
		if n := len(runs); n > 0 && runs[n-1].State == s.State {
			runs[n-1].To = s.Time
			runs[n-1].Results++
			continue
		}
		reason := s.Reason
		if s.Err != nil {
			reason = s.Err.Error()
		}
		runs = append(runs, Run{State: s.State, From: s.Time, To: s.Time, Results: 1, Reason: reason})
	}
	return runs
}

// maxRuns bounds the table; a flapping series prints its latest runs.
const maxRuns = 200

// Write prints the report: the runs as a table, then the summary.
func Write(w io.Writer, rep Report) error {
	fmt.Fprintf(w, "host %s, check %d, %s classifier", printable(rep.Host), rep.CheckID, rep.Classifier)
	if !rep.From.IsZero() {
		fmt.Fprintf(w, ", %s .. %s", rep.From.UTC().Format(time.DateTime), rep.To.UTC().Format(time.DateTime))
	}
	fmt.Fprintln(w)
	runs := rep.Runs
	if len(runs) > maxRuns {
		fmt.Fprintf(w, "(%d earlier runs not shown)\n", len(runs)-maxRuns)
		runs = runs[len(runs)-maxRuns:]
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FROM\tTO\tRESULTS\tSTATE\tREASON")
	for _, r := range runs {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", r.From.UTC().Format(time.DateTime), r.To.UTC().Format(time.DateTime),
			r.Results, r.State, printable(r.Reason))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	s := rep.Summary
	fmt.Fprintf(w, "%d results, %d transitions, %d alerts (changes into a problem state), %d recoveries, %d classifier errors\n",
		s.Results, s.Transitions, s.Problems, s.Recoveries, s.Errors)
	if rep.Truncated {
		fmt.Fprintf(w, "only the latest %d results of the window were replayed\n", MaxResults)
	}
	_, err := fmt.Fprintf(w, "by state:%s\n", byState(s.ByState))
	return err
}

func byState(m map[state.State]int) string {
	var b strings.Builder
	for _, st := range state.All {
		if n := m[st]; n > 0 {
			fmt.Fprintf(&b, " %s %d", st, n)
		}
	}
	return b.String()
}

// printable keeps untrusted text (plugin messages, reasons, host names) on
// one line of the terminal: control characters become spaces, and it is
// cut to 120 runes.
func printable(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == unicode.ReplacementChar {
			return ' '
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 120 {
		return string(r[:119]) + "…"
	}
	return s
}
