package manifest

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// FieldError says which manifest field is wrong and why, so `prophasis plugin
// pack` and the upload form can point at the exact problem.
type FieldError struct {
	Field  string
	Reason string
}

// Error implements error.
func (e *FieldError) Error() string { return "manifest: " + e.Field + ": " + e.Reason }

// Limits on manifest values; generous for real plugins, small enough that a
// hostile manifest cannot bloat the core's tables or the agent's argv.
const (
	MaxTimeoutSeconds = 3600
	MaxHistory        = 1000
	maxText           = 4000
	maxArguments      = 64
)

var (
	idPattern      = regexp.MustCompile(`^[a-z0-9]+(\.[a-z0-9_-]+)+$`)
	versionPattern = regexp.MustCompile(`^(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)
	argPattern     = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)
	flagPattern    = regexp.MustCompile(`^-{1,2}[A-Za-z0-9][A-Za-z0-9_.-]*=?$`)
	viewKinds      = map[string]bool{"line": true, "percent": true, "state": true, "messages": true}
)

// Validate checks every field and returns all problems at once, each a
// *FieldError, joined with errors.Join.
func (m *Manifest) Validate() error {
	var errs []error
	bad := func(field, format string, a ...any) {
		errs = append(errs, &FieldError{Field: field, Reason: fmt.Sprintf(format, a...)})
	}
	if !ValidID(m.ID) {
		bad("id", "%q is not a reverse-DNS id like com.example.disk_usage (lower case, dots, digits, _ and -)", m.ID)
	}
	if strings.TrimSpace(m.Name) == "" || len(m.Name) > 200 {
		bad("name", "must be 1 to 200 characters")
	}
	if len(m.Description) > maxText {
		bad("description", "longer than %d characters", maxText)
	}
	if !versionPattern.MatchString(m.Version) {
		bad("version", "%q is not a semantic version like 1.2.0", m.Version)
	}
	if err := checkPath(m.Entry); err != nil {
		bad("entry", "%v", err)
	}
	if m.Protocol != ProtocolJSON && m.Protocol != ProtocolNagios {
		bad("protocol", "%q must be %q or %q", m.Protocol, ProtocolJSON, ProtocolNagios)
	}
	if m.TimeoutSeconds < 0 || m.TimeoutSeconds > MaxTimeoutSeconds {
		bad("timeout_seconds", "must be between 0 (agent default) and %d", MaxTimeoutSeconds)
	}
	if len(m.ValueLabel) > 200 {
		bad("value_label", "longer than 200 characters")
	}
	if err := checkPath(m.Classifier); err != nil {
		bad("classifier", "%v", err)
	} else if !strings.HasSuffix(m.Classifier, ".lua") {
		bad("classifier", "%q must be a .lua file", m.Classifier)
	}
	if m.History < 0 || m.History > MaxHistory {
		bad("history", "must be between 0 and %d", MaxHistory)
	}
	errs = append(errs, m.validateArguments()...)
	errs = append(errs, m.View.validate()...)
	return errors.Join(errs...)
}

func (m *Manifest) validateArguments() []error {
	var errs []error
	if len(m.Arguments) > maxArguments {
		errs = append(errs, &FieldError{"arguments", fmt.Sprintf("more than %d arguments", maxArguments)})
	}
	seen := map[string]bool{}
	for i, a := range m.Arguments {
		field := fmt.Sprintf("arguments[%d]", i)
		switch {
		case !argPattern.MatchString(a.Name):
			errs = append(errs, &FieldError{field + ".name", fmt.Sprintf("%q must be lower snake case starting with a letter", a.Name)})
		case seen[a.Name]:
			errs = append(errs, &FieldError{field + ".name", fmt.Sprintf("%q is declared twice", a.Name)})
		}
		seen[a.Name] = true
		if a.Flag != "" && !flagPattern.MatchString(a.Flag) {
			errs = append(errs, &FieldError{field + ".flag", fmt.Sprintf("%q must look like -w or --name", a.Flag)})
		}
		if a.Flag != "" && a.Positional {
			errs = append(errs, &FieldError{field + ".flag", "a positional argument has no flag"})
		}
		if strings.ContainsRune(a.Default, 0) {
			errs = append(errs, &FieldError{field + ".default", "contains a NUL byte"})
		}
		if len(a.Description) > maxText || len(a.Default) > maxText {
			errs = append(errs, &FieldError{field, fmt.Sprintf("description or default longer than %d characters", maxText)})
		}
	}
	return errs
}

func (v View) validate() []error {
	var errs []error
	if !viewKinds[v.Kind] {
		errs = append(errs, &FieldError{"view.kind", fmt.Sprintf("%q must be one of line, percent, state, messages", v.Kind)})
	}
	if len(v.Unit) > 32 {
		errs = append(errs, &FieldError{"view.unit", "longer than 32 characters"})
	}
	if v.Min != nil && v.Max != nil && !(*v.Min < *v.Max) {
		errs = append(errs, &FieldError{"view.max", "must be greater than view.min"})
	}
	return errs
}

// checkPath accepts a slash-separated path that stays inside the plugin root.
func checkPath(p string) error {
	if p == "" {
		return errors.New("is required")
	}
	if len(p) > 255 || strings.ContainsAny(p, "\\\x00") || path.Clean(p) != p || !filepath.IsLocal(filepath.FromSlash(p)) {
		return fmt.Errorf("%q must be a clean relative path inside the plugin", p)
	}
	return nil
}

// ValidID reports whether id is a well-formed plugin id. Ids name directories
// on agents and appear in URLs, so the alphabet is small and has no "/".
func ValidID(id string) bool {
	return len(id) <= 128 && idPattern.MatchString(id)
}
