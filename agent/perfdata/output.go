package perfdata

import "strings"

// Output is a Nagios plugin's output split into its parts.
type Output struct {
	// Text is the first line before any '|': the status summary.
	Text string
	// Long is the long output: the lines after the first, minus perfdata.
	Long string
	// Points is the perfdata of the first line and of the long output.
	Points []Point
	// Err reports perfdata items that could not be read; Points still holds
	// the readable ones.
	Err error
}

// Split separates status text, long output and perfdata. Per the guidelines,
// the first line may carry perfdata after '|', and in the long output the
// first '|' starts perfdata that continues to the end of the output.
func Split(out string) Output {
	first, rest, _ := strings.Cut(out, "\n")
	text, perf, _ := strings.Cut(first, "|")
	longText, longPerf, _ := strings.Cut(rest, "|")
	o := Output{
		Text: strings.TrimSpace(text),
		Long: strings.TrimRight(longText, " \t\r\n"),
	}
	o.Points, o.Err = Parse(perf + " " + longPerf)
	return o
}

// Find returns the point with the given label.
func Find(points []Point, label string) (Point, bool) {
	for _, p := range points {
		if p.Label == label {
			return p, true
		}
	}
	return Point{}, false
}
