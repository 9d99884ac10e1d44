package classify

import (
	"context"
	"sync"
)

type recordingSink struct {
	mu      sync.Mutex
	reports []Report
}

func (s *recordingSink) ClassifierFailed(_ context.Context, r Report) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reports = append(s.reports, r)
}

func (s *recordingSink) all() []Report {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Report(nil), s.reports...)
}
