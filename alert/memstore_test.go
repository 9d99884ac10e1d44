package alert_test

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/prophasis/prophasis/alert"
)

// memStore keeps the engine's tables in memory for the pipeline logic
// tests; the PostgreSQL store has its own tests in internal/storage.
type memStore struct {
	mu      sync.Mutex
	setup   alert.Setup
	states  map[alert.Key]alert.Status
	log     []alert.LogEntry
	cleared []alert.SubjectRef
	failing bool // SaveStates fails while set, as a database outage would
}

func newMemStore(setup alert.Setup) *memStore {
	if setup.Acked == nil {
		setup.Acked = map[alert.SubjectRef]bool{}
	}
	return &memStore{setup: setup, states: map[alert.Key]alert.Status{}}
}

func (m *memStore) Setup(context.Context) (alert.Setup, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	acked := map[alert.SubjectRef]bool{}
	for k, v := range m.setup.Acked {
		acked[k] = v
	}
	s := m.setup
	s.Acked = acked
	return s, nil
}

func (m *memStore) States(context.Context) ([]alert.Status, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []alert.Status
	for _, s := range m.states {
		out = append(out, s)
	}
	return out, nil
}

func (m *memStore) SaveStates(_ context.Context, states []alert.Status) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failing {
		return errors.New("memstore: database unavailable")
	}
	for _, s := range states {
		m.states[s.Key] = s
	}
	return nil
}

func (m *memStore) AppendLog(_ context.Context, entries []alert.LogEntry) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.log = append(m.log, entries...)
	return nil
}

func (m *memStore) ClearAcks(_ context.Context, subjects []alert.SubjectRef, _ time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, s := range subjects {
		delete(m.setup.Acked, s)
		m.cleared = append(m.cleared, s)
	}
	return nil
}

func (m *memStore) ack(s alert.SubjectRef) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.setup.Acked[s] = true
}

func (m *memStore) setWindows(w ...alert.Window) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.setup.Windows = w
}

func (m *memStore) entries(outcome alert.Outcome) []alert.LogEntry {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []alert.LogEntry
	for _, e := range m.log {
		if e.Outcome == outcome {
			out = append(out, e)
		}
	}
	return out
}

func (m *memStore) setFailing(v bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.failing = v
}
