package manifest

import (
	"fmt"
	"sort"
	"strings"
)

// EnvPrefix starts the environment variable that carries each argument, so a
// script can read PROPHASIS_ARG_MOUNT instead of parsing argv.
const EnvPrefix = "PROPHASIS_ARG_"

// Invocation builds the argv tail and environment for a run. Values override
// defaults; a name the manifest does not declare is an error (the core sent
// arguments for another plugin version); a required argument without value or
// default is an error; an empty optional argument is left out of argv so a
// Nagios plugin falls back to its own default. Arguments appear in manifest
// order: "--name value", "<flag> value", or just "value" when positional.
func (m *Manifest) Invocation(values map[string]string) (argv, env []string, err error) {
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if _, ok := m.Argument(name); !ok {
			return nil, nil, fmt.Errorf("unknown argument %q for plugin %s", name, m.ID)
		}
	}
	for _, a := range m.Arguments {
		v, ok := values[a.Name]
		if !ok {
			v = a.Default
		}
		if strings.ContainsRune(v, 0) {
			return nil, nil, fmt.Errorf("argument %q contains a NUL byte", a.Name)
		}
		env = append(env, EnvPrefix+strings.ToUpper(a.Name)+"="+v)
		if v == "" {
			if a.Required {
				return nil, nil, fmt.Errorf("argument %q is required", a.Name)
			}
			continue
		}
		argv = append(argv, a.argv(v)...)
	}
	return argv, env, nil
}

func (a Argument) argv(v string) []string {
	switch {
	case a.Positional:
		return []string{v}
	case strings.HasSuffix(a.Flag, "="):
		return []string{a.Flag + v}
	case a.Flag != "":
		return []string{a.Flag, v}
	default:
		return []string{"--" + a.Name, v}
	}
}
