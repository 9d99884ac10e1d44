// Package confyaml is Prophasis's configuration as a YAML file, for teams
// that keep it in git: Export writes what the database holds, Apply makes
// the database match a file (creating, updating and deleting), in one
// transaction, after the whole file has been validated. Secrets (agent
// keys, notifier secrets) are never exported. The file covers plugins (the
// active version, archives by path), hosts, host groups, checks, services,
// schedules, notifiers, alert rules, edited Lua classifiers and maintenance
// windows.
package confyaml

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"
)

// Version is the only file format version this package reads and writes.
const Version = 1

// maxFileSize bounds what Parse reads: a configuration is kilobytes.
const maxFileSize = 16 << 20

// File is the whole configuration file.
type File struct {
	Version    int         `yaml:"version"`
	Plugins    []Plugin    `yaml:"plugins,omitempty"`
	Hosts      []Host      `yaml:"hosts,omitempty"`
	HostGroups []HostGroup `yaml:"host_groups,omitempty"`
	Checks     []Check     `yaml:"checks,omitempty"`
	Services   []Service   `yaml:"services,omitempty"`
	Schedules  []Schedule  `yaml:"schedules,omitempty"`
	Notifiers  []Notifier  `yaml:"notifiers,omitempty"`
	AlertRules []Rule      `yaml:"alert_rules,omitempty"`

	Classifiers []Classifier `yaml:"classifiers,omitempty"`
	Windows     []Window     `yaml:"maintenance_windows,omitempty"`
}

// Host is a monitored host, keyed by name. Its agent key is a secret: it
// is not in the file, and Apply keeps the stored one.
type Host struct {
	Name        string `yaml:"name"`
	Address     string `yaml:"address"`
	Port        int    `yaml:"port,omitempty"`        // 0: the default agent port, 4048
	Description string `yaml:"description,omitempty"` //
	Enabled     *bool  `yaml:"enabled,omitempty"`     // nil: true
	Fingerprint string `yaml:"tls_fingerprint,omitempty"`
}

// HostGroup is a named group of hosts and of other groups, by name.
type HostGroup struct {
	Name        string   `yaml:"name"`
	Description string   `yaml:"description,omitempty"`
	Hosts       []string `yaml:"hosts,omitempty"`
	Groups      []string `yaml:"groups,omitempty"`
}

// defaultPort is the agent port a host gets when the file names none.
const defaultPort = 4048

// Parse reads and validates a file: unknown fields, wrong types and
// inconsistent content are errors naming the line, all reported at once.
func Parse(r io.Reader) (File, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return File{}, fmt.Errorf("confyaml: read: %w", err)
	}
	if len(data) > maxFileSize {
		return File{}, fmt.Errorf("confyaml: file larger than %d bytes", maxFileSize)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f File
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return File{}, errors.New("confyaml: empty file")
		}
		return File{}, fmt.Errorf("confyaml: %w", err)
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		return File{}, fmt.Errorf("confyaml: line %d: only one YAML document is allowed", extra.Line)
	case !errors.Is(err, io.EOF):
		return File{}, fmt.Errorf("confyaml: %w", err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return File{}, fmt.Errorf("confyaml: %w", err)
	}
	if err := validate(f, positions{&root}); err != nil {
		return File{}, err
	}
	return normalize(f), nil
}

// Marshal writes f in the canonical form Export produces.
func Marshal(f File) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("confyaml: encode: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("confyaml: encode: %w", err)
	}
	return buf.Bytes(), nil
}
