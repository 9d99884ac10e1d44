package bench

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/prophasis/prophasis/internal/state"
)

// b6Series is one simulated check (a host × plugin × check series) whose
// plugin keeps the state a real one would see between runs: load
// averages, memory and disk use, a process count.
type b6Series struct {
	host, check int64
	plugin      string
	rng         *rand.Rand
	// l holds the walking quantities: l[0] the main level, l[1] and
	// l[2] slower averages of it (load5, load15).
	l    [3]float64
	size float64 // cores, total MiB or disk GiB, depending on the plugin
	gen  func(s *b6Series) b6Out
	warn float64 // value above which the classifier says minor
}

// b6Out is what one run of a simulated plugin returns.
type b6Out struct {
	value    *float64
	message  string
	perfdata []byte
	exitCode int32
	duration int32
}

// b6Check is a simulated plugin: its id, how a run is made and the value
// its classifier calls minor above.
type b6Check struct {
	plugin string
	gen    func(s *b6Series) b6Out
	warn   float64
}

// b6Checks are the ten checks of every simulated host, as an installation
// of the stock json plugins plus three common Nagios plugins would have:
// noisy gauges, slowly growing disks (two checks of one plugin), integer
// counts, constant health checks, and Nagios output with perfdata.
func b6Checks() []b6Check {
	return []b6Check{
		{"com.prophasis.cpu_load", genCPULoad, 80},
		{"com.prophasis.memory", genMemory, 90},
		{"com.prophasis.disk", genDisk("/"), 90},
		{"com.prophasis.disk", genDisk("/var"), 90},
		{"com.prophasis.process", genProcess, math.Inf(1)},
		{"com.prophasis.heartbeat", genConst(1, "alive"), math.Inf(1)},
		{"nagios.check_load", genNagiosLoad, 5},
		{"nagios.check_ping", genPing, 100},
		{"nagios.check_http", genHTTP, 1},
		{"com.prophasis.smart", genConst(1, "/dev/sda: PASSED"), math.Inf(1)},
	}
}

// newB6Series makes the series of host h (0-based), seeded so every run
// stores the same data.
func newB6Series(h int, hostIDs []int64) []*b6Series {
	var out []*b6Series
	for k, c := range b6Checks() {
		s := &b6Series{host: hostIDs[h], check: int64(h*10 + k + 1), plugin: c.plugin, gen: c.gen, warn: c.warn,
			rng: rand.New(rand.NewPCG(uint64(h), uint64(k)))}
		s.init(h)
		out = append(out, s)
	}
	return out
}

func (s *b6Series) init(h int) {
	s.size = []float64{2, 4, 8}[h%3]
	s.l = [3]float64{0.3 * s.size, 0.3 * s.size, 0.3 * s.size}
	switch s.plugin {
	case "com.prophasis.memory":
		s.size = []float64{7962, 15923}[h%2]
		s.l[0] = 0.45 * s.size
	case "com.prophasis.disk":
		s.size = []float64{48, 196}[(h+int(s.check))%2]
		s.l[0] = (0.3 + 0.4*s.rng.Float64()) * s.size
	case "com.prophasis.process":
		s.l[0] = 4
	case "nagios.check_ping", "nagios.check_http":
		s.l[0] = 5123 + float64(h)
	}
}

// next is one run: the plugin's output and the classification.
func (s *b6Series) next() (b6Out, state.State, string) {
	if s.rng.IntN(10_000) == 0 { // a rare timeout, as real checks have
		return b6Out{message: "plugin did not finish within 30s", duration: 30_000}, state.Unknown, "timeout"
	}
	o := s.gen(s)
	if o.value != nil && *o.value > s.warn {
		return o, state.Minor, fmt.Sprintf("%.2f is above %g", *o.value, s.warn)
	}
	return o, state.OK, ""
}

// walk moves x by gaussian noise of sd with a pull of 2 % back to mean,
// kept within [lo, hi].
func (s *b6Series) walk(x, mean, sd, lo, hi float64) float64 {
	return min(max(x+s.rng.NormFloat64()*sd+0.02*(mean-x), lo), hi)
}

func b6Round(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}

func b6Ptr[T any](v T) *T { return &v }
