package query

import (
	"testing"

	"github.com/prophasis/prophasis/internal/state"
)

// benchHealth is 10,000 hosts in 100 groups of 100 (nested in pairs) and
// 500 services, each with 5 hosts, one group and two redundancy groups of
// 10 hosts and a group.
func benchHealth() Health {
	h := Health{Topology: Topology{Hosts: map[int64]state.State{}, Groups: map[int64]Members{}}, Services: map[int64]Service{}}
	for id := int64(1); id <= 10_000; id++ {
		h.Hosts[id] = state.All[id%int64(len(state.All))]
		g := 100_000 + (id-1)/100
		m := h.Groups[g]
		m.Hosts = append(m.Hosts, id)
		h.Groups[g] = m
	}
	for g := int64(100_000); g < 100_100; g += 2 {
		m := h.Groups[g]
		m.Groups = append(m.Groups, g+1)
		h.Groups[g] = m
	}
	for s := int64(1); s <= 500; s++ {
		base := s * 20
		svc := Service{Hosts: []int64{base, base + 1, base + 2, base + 3, base + 4}, Groups: []int64{100_000 + s%100}}
		for r := int64(0); r < 2; r++ {
			var hosts []int64
			for i := int64(0); i < 10; i++ {
				hosts = append(hosts, base+5+r*10+i)
			}
			svc.Redundancy = append(svc.Redundancy, Members{Hosts: hosts, Groups: []int64{100_000 + (s+r)%100}})
		}
		h.Services[s] = svc
	}
	h.Index()
	return h
}

func BenchmarkServiceStates(b *testing.B) {
	h := benchHealth()
	b.ResetTimer()
	for b.Loop() {
		if len(h.ServiceStates()) != 500 {
			b.Fatal("wrong count")
		}
	}
}

func BenchmarkServiceChangesSince(b *testing.B) {
	h := benchHealth()
	before := map[int64]state.State{42: state.OK, 4242: state.Critical}
	b.ResetTimer()
	for b.Loop() {
		h.ServiceChangesSince(before)
	}
}
