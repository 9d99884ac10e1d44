package mock

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"sync"
)

// Data is the mock's JSON file.
//
//	{
//	  "key": "optional access key; when set, calls must carry it",
//	  "hosts": {
//	    "127.0.0.2": {"com.example.cpu": {"value": 12.5, "message": "fine"}},
//	    "127.0.0.3:4048": {"*": {"status": "timeout", "delay_ms": 2000}},
//	    "*": {"*": {"value": 1}}
//	  }
//	}
//
// Hosts are matched by the listen address a request arrived on: first
// "ip:port", then "ip", then "*"; plugins by id, then "*".
type Data struct {
	Key   string                      `json:"key,omitempty"`
	Hosts map[string]map[string]Entry `json:"hosts"`
}

// Entry is the answer configured for one (address, plugin).
type Entry struct {
	Value   *float64 `json:"value"`
	Message string   `json:"message,omitempty"`
	// Status is ok (default), error or timeout.
	Status      string `json:"status,omitempty"`
	PluginState string `json:"plugin_state,omitempty"`
	ExitCode    int    `json:"exit_code,omitempty"`
	// DelayMS delays the answer; a delay reaching the run's timeout_ms
	// answers "timeout" at the timeout, as a real agent would.
	DelayMS int `json:"delay_ms,omitempty"`
	// Hang never answers: the call only ends when the core gives up.
	Hang bool `json:"hang,omitempty"`
}

// lookup finds the entry for a local address and plugin.
func (d *Data) lookup(local, pluginID string) (Entry, bool) {
	ip, _, _ := net.SplitHostPort(local)
	for _, hk := range []string{local, ip, "*"} {
		plugins, ok := d.Hosts[hk]
		if !ok {
			continue
		}
		for _, pk := range []string{pluginID, "*"} {
			if e, ok := plugins[pk]; ok {
				return e, true
			}
		}
	}
	return Entry{}, false
}

// loader re-reads the data file whenever it is replaced or its modification
// time or size changes, so editing the file changes the answers live.
type loader struct {
	path string

	mu   sync.Mutex
	info os.FileInfo // of the file the cached data came from
	data *Data
}

func (l *loader) load() (*Data, error) {
	st, err := os.Stat(l.path)
	if err != nil {
		return nil, fmt.Errorf("mock: data: %w", err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.data != nil && os.SameFile(st, l.info) && st.ModTime().Equal(l.info.ModTime()) && st.Size() == l.info.Size() {
		return l.data, nil
	}
	raw, err := os.ReadFile(l.path)
	if err != nil {
		return nil, fmt.Errorf("mock: data: %w", err)
	}
	var d Data
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, fmt.Errorf("mock: data %s: %w", l.path, err)
	}
	l.data, l.info = &d, st
	return l.data, nil
}
