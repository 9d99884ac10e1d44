package bench

import (
	"encoding/json"
	"fmt"

	"github.com/prophasis/prophasis/agent/perfdata"
)

// The generators below print what the stock plugins (agent/stock) and the
// Monitoring Plugins check_load, check_ping and check_http print, with
// values that move as real ones do from one minute to the next.

func genCPULoad(s *b6Series) b6Out {
	s.loads(0.3*s.size, 0.05*s.size)
	v := b6Round(s.l[0]/s.size*100, 2)
	return b6Out{value: &v, message: fmt.Sprintf("load %.2f %.2f %.2f on %d cores", s.l[0], s.l[1], s.l[2], int(s.size)),
		duration: 8 + s.rng.Int32N(12)}
}

// loads walks load1 and lets load5 and load15 follow it, two decimals as
// /proc/loadavg has.
func (s *b6Series) loads(mean, sd float64) {
	s.l[0] = b6Round(s.walk(s.l[0], mean, sd, 0, 4*s.size), 2)
	s.l[1] = b6Round(s.l[1]+(s.l[0]-s.l[1])/5, 2)
	s.l[2] = b6Round(s.l[2]+(s.l[0]-s.l[2])/15, 2)
}

func genMemory(s *b6Series) b6Out {
	s.l[0] = float64(int(s.walk(s.l[0], 0.45*s.size, 25, 0, s.size)))
	v := b6Round(s.l[0]/s.size*100, 2)
	return b6Out{value: &v, message: fmt.Sprintf("%.0f of %.0f MiB used", s.l[0], s.size), duration: 6 + s.rng.Int32N(8)}
}

// genDisk grows used space by about 1 MiB a minute (logs) and frees 2 GiB
// about once a day (rotation).
func genDisk(mount string) func(s *b6Series) b6Out {
	return func(s *b6Series) b6Out {
		s.l[0] += (0.5 + s.rng.Float64()) / 1024
		if s.rng.IntN(1440) == 0 {
			s.l[0] = max(s.l[0]-2, 0)
		}
		v := b6Round(s.l[0]/s.size*100, 2)
		return b6Out{value: &v, message: fmt.Sprintf("%s: %.1f of %.1f GiB used", mount, s.l[0], s.size),
			duration: 9 + s.rng.Int32N(10)}
	}
}

func genProcess(s *b6Series) b6Out {
	if s.rng.IntN(300) == 0 {
		s.l[0] = min(max(s.l[0]+float64(s.rng.IntN(3)-1), 2), 9)
	}
	v := s.l[0]
	return b6Out{value: &v, message: fmt.Sprintf("%d processes named nginx", int(v)), duration: 12 + s.rng.Int32N(10)}
}

func genConst(v float64, msg string) func(s *b6Series) b6Out {
	return func(s *b6Series) b6Out {
		return b6Out{value: b6Ptr(v), message: msg, duration: 4 + s.rng.Int32N(6)}
	}
}

func genNagiosLoad(s *b6Series) b6Out {
	s.loads(0.3*s.size, 0.05*s.size)
	st, code := nagiosState(s.l[0], 5, 10)
	return b6Out{value: b6Ptr(s.l[0]), exitCode: code, duration: 10 + s.rng.Int32N(10),
		message: fmt.Sprintf("%s - load average: %.2f, %.2f, %.2f", st, s.l[0], s.l[1], s.l[2]),
		perfdata: perfJSON(
			perfdata.Point{Label: "load1", Value: b6Ptr(s.l[0]), Warn: "5.000", Crit: "10.000", Min: b6Ptr(0.0)},
			perfdata.Point{Label: "load5", Value: b6Ptr(s.l[1]), Warn: "4.000", Crit: "6.000", Min: b6Ptr(0.0)},
			perfdata.Point{Label: "load15", Value: b6Ptr(s.l[2]), Warn: "3.000", Crit: "4.000", Min: b6Ptr(0.0)})}
}

func genPing(s *b6Series) b6Out {
	rta := b6Round(0.25+s.rng.ExpFloat64()*0.15, 3)
	loss := 0.0
	if s.rng.IntN(2000) == 0 {
		loss = 20
	}
	st, code := nagiosState(rta, 100, 500)
	return b6Out{value: &rta, exitCode: code, duration: 4000 + s.rng.Int32N(30),
		message: fmt.Sprintf("PING %s - Packet loss = %.0f%%, RTA = %.2f ms", st, loss, rta),
		perfdata: perfJSON(
			perfdata.Point{Label: "rta", Value: &rta, UOM: "ms", Warn: "100.000000", Crit: "500.000000", Min: b6Ptr(0.0)},
			perfdata.Point{Label: "pl", Value: &loss, UOM: "%", Warn: "20", Crit: "60", Min: b6Ptr(0.0)})}
}

// genHTTP times a page of l[0] bytes that changes size now and then.
func genHTTP(s *b6Series) b6Out {
	t := b6Round(0.004+s.rng.ExpFloat64()*0.006, 6)
	if s.rng.IntN(500) == 0 {
		s.l[0] += float64(s.rng.IntN(200) - 100)
	}
	size := s.l[0]
	return b6Out{value: &t, duration: int32(t*1000) + 2 + s.rng.Int32N(3),
		message: fmt.Sprintf("HTTP OK: HTTP/1.1 200 OK - %.0f bytes in %.3f second response time", size, t),
		perfdata: perfJSON(
			perfdata.Point{Label: "time", Value: &t, UOM: "s", Min: b6Ptr(0.0), Max: b6Ptr(10.0)},
			perfdata.Point{Label: "size", Value: &size, UOM: "B", Min: b6Ptr(0.0)})}
}

// nagiosState is the status word and exit code of v against the
// thresholds, as a Nagios plugin prints them.
func nagiosState(v, warn, crit float64) (string, int32) {
	switch {
	case v > crit:
		return "CRITICAL", 2
	case v > warn:
		return "WARNING", 1
	}
	return "OK", 0
}

// perfJSON is perfdata as ingest stores it.
func perfJSON(points ...perfdata.Point) []byte {
	b, _ := json.Marshal(points) // finite numbers and ASCII labels always marshal
	return b
}
