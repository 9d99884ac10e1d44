package bench

import (
	"fmt"
	"strings"
)

// b6Target is the largest compressed / uncompressed ratio B6 accepts.
const b6Target = 0.10

// rows reports one data set: bytes per result before and after (heap,
// indexes, TOAST), the compressed bytes per result of the largest
// columns, and the ratio against the target.
func (m b6Sizes) rows(prefix string, n float64) []Row {
	before, after := b6Sum(m.before), b6Sum(m.after)
	ratio := float64(after) / float64(before)
	return []Row{
		info("b6", prefix+"bytes/result uncompressed", "%.1f (%s)", float64(before)/n, b6Parts(m.before, n)),
		info("b6", prefix+"bytes/result compressed", "%.1f (%s; %d chunks)", float64(after)/n, b6Parts(m.after, n), m.chunks),
		info("b6", prefix+"compressed bytes/result by column", "%s", b6ColumnText(m.columns, n)),
		atMostRow("b6", prefix+"compressed / uncompressed", fmt.Sprintf("%.3f", ratio), ratio, b6Target, fmt.Sprint(b6Target)),
	}
}

func b6Sum(a [3]int64) int64 { return a[0] + a[1] + a[2] }

func b6Parts(a [3]int64, n float64) string {
	return fmt.Sprintf("heap %.1f, indexes %.1f, TOAST %.1f", float64(a[0])/n, float64(a[1])/n, float64(a[2])/n)
}

// b6ColumnText lists the six largest columns and the rest together;
// TimescaleDB's _ts_meta_* columns (batch count, min/max times) count as
// one "metadata" column. Column bytes include TOAST chunk data but not
// page, tuple and index overhead, so they add up to less than the total.
func b6ColumnText(cols []b6Column, n float64) string {
	var parts []string
	var meta, rest int64
	for _, c := range cols {
		switch {
		case strings.HasPrefix(c.name, "_ts_meta_"):
			meta += c.bytes
		case len(parts) < 6:
			parts = append(parts, fmt.Sprintf("%s %.2f", c.name, float64(c.bytes)/n))
		default:
			rest += c.bytes
		}
	}
	return strings.Join(append(parts, fmt.Sprintf("metadata %.2f", float64(meta)/n), fmt.Sprintf("others %.2f", float64(rest)/n)), ", ")
}
