// Package manifest reads and validates a plugin's manifest.json, the one file
// that tells the agent how to run a plugin and the core how to show and
// classify its results. Manifests come from archives uploaded by admins, so
// parsing is strict and every error names the field at fault.
package manifest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// FileName is the manifest's path inside a plugin archive.
const FileName = "manifest.json"

// MaxSize bounds the manifest so a hostile archive cannot make the agent or
// the core buffer an arbitrarily large JSON document.
const MaxSize = 64 << 10

// Protocols a plugin's entry point can speak.
const (
	// ProtocolJSON plugins print one JSON object {"value": .., "message": ..}.
	ProtocolJSON = "json"
	// ProtocolNagios plugins follow the Monitoring Plugins guidelines: exit
	// code 0..3 and "text | perfdata" output.
	ProtocolNagios = "nagios"
)

// Manifest describes one plugin version.
type Manifest struct {
	// ID is a reverse-DNS identifier such as "com.example.disk_usage".
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Version is a semantic version ("1.10.0" > "1.9.0"), never a float.
	Version string `json:"version"`
	// Entry is the executable, relative to the plugin root.
	Entry    string `json:"entry"`
	Protocol string `json:"protocol"`
	// TimeoutSeconds is the default run timeout; a run request may lower or raise it.
	TimeoutSeconds float64    `json:"timeout_seconds,omitempty"`
	Arguments      []Argument `json:"arguments,omitempty"`
	// ValueLabel names the perfdata label used as the result's value for
	// nagios plugins; empty means the first label.
	ValueLabel string `json:"value_label,omitempty"`
	// Classifier is the default Lua classifier file, relative to the root.
	Classifier string `json:"classifier"`
	// History is the default number of past results the classifier sees.
	History int  `json:"history"`
	View    View `json:"view"`
}

// Argument is one named input of a plugin. Values reach the entry point both
// as argv and as the environment variable PROPHASIS_ARG_<NAME>.
type Argument struct {
	// Name is lower snake case so it maps to an environment variable name.
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Default     string `json:"default,omitempty"`
	Required    bool   `json:"required,omitempty"`
	// Flag is what precedes the value in argv; empty means "--<name>"; a flag
	// ending in "=" is joined to the value ("--warning=80").
	// Nagios plugins declare their own flags here ("-w", "--mountpoint").
	Flag string `json:"flag,omitempty"`
	// Positional passes the value alone, without a flag.
	Positional bool `json:"positional,omitempty"`
}

// View declares how the web app draws the plugin's results; views are data,
// never code, so no plugin can run anything in the web app.
type View struct {
	// Kind is one of line, percent, state, messages.
	Kind string   `json:"kind"`
	Unit string   `json:"unit,omitempty"`
	Min  *float64 `json:"min,omitempty"`
	Max  *float64 `json:"max,omitempty"`
}

// Parse decodes and validates a manifest. Unknown fields are errors so a typo
// in a manifest is reported instead of silently ignored.
func Parse(data []byte) (*Manifest, error) {
	if len(data) > MaxSize {
		return nil, fmt.Errorf("manifest: larger than %d bytes", MaxSize)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var m Manifest
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("manifest: trailing data after the JSON object")
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return &m, nil
}

// Argument returns the declared argument with the given name.
func (m *Manifest) Argument(name string) (Argument, bool) {
	for _, a := range m.Arguments {
		if a.Name == name {
			return a, true
		}
	}
	return Argument{}, false
}
