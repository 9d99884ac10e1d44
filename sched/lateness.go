package sched

import (
	"math"
	"sync/atomic"
	"time"
)

// LateBuckets is the number of buckets of a Lateness histogram.
const LateBuckets = 56

// lateGrowth is the ratio of one bucket's bound to the previous one's:
// a quantile read from the histogram is at most 25 % above the truth.
const lateGrowth = 1.25

// Lateness counts runs by how late they started past their Due time, so
// operators and benchmarks can read scheduling lateness without storing
// every start: bucket i holds runs later than LateBound(i-1) and at most
// LateBound(i) late (1 ms for bucket 0, growing by a quarter up to about
// 4 minutes); the last bucket also holds anything later.
type Lateness [LateBuckets]int64

// LateBound is bucket i's upper bound.
func LateBound(i int) time.Duration {
	return time.Duration(float64(time.Millisecond) * math.Pow(lateGrowth, float64(i)))
}

func lateBucket(late time.Duration) int {
	if late <= time.Millisecond {
		return 0
	}
	i := int(math.Ceil(math.Log(float64(late)/float64(time.Millisecond)) / math.Log(lateGrowth)))
	if i > 0 && LateBound(i-1) >= late { // rounding at a bound
		i--
	}
	return min(i, LateBuckets-1)
}

// Minus is the runs counted since earlier, e.g. in a measurement window.
func (l Lateness) Minus(earlier Lateness) Lateness {
	for i := range l {
		l[i] -= earlier[i]
	}
	return l
}

// Quantile returns the bound of the bucket holding the q-quantile (0 < q
// ≤ 1) of the runs counted, or 0 when there are none.
func (l Lateness) Quantile(q float64) time.Duration {
	var n int64
	for _, c := range l {
		n += c
	}
	if n == 0 {
		return 0
	}
	rank := int64(math.Ceil(q * float64(n)))
	var seen int64
	for i, c := range l {
		if seen += c; seen >= rank {
			return LateBound(i)
		}
	}
	return LateBound(LateBuckets - 1)
}

// lateCounts is the dispatcher's live Lateness.
type lateCounts [LateBuckets]atomic.Int64

func (c *lateCounts) add(late time.Duration) { c[lateBucket(late)].Add(1) }

func (c *lateCounts) snapshot() Lateness {
	var l Lateness
	for i := range c {
		l[i] = c[i].Load()
	}
	return l
}
