package main

import (
	"fmt"
	"path"
	"strings"

	"github.com/spf13/cobra"

	"github.com/prophasis/prophasis/agent/bundle"
	"github.com/prophasis/prophasis/agent/manifest"
)

// nagiosPluginDir is where Debian and Ubuntu install Monitoring Plugins.
const nagiosPluginDir = "/usr/lib/nagios/plugins"

func newPluginWrapNagiosCmd() *cobra.Command {
	var (
		m       manifest.Manifest
		argSpec []string
		output  string
	)
	cmd := &cobra.Command{
		Use:   "wrap-nagios CHECK [flags] [-- FIXED-ARGS...]",
		Short: "Turn a Nagios / Monitoring Plugins check into a Prophasis plugin",
		Long: `wrap-nagios writes a nagios-protocol plugin whose entry point runs CHECK on the
monitored host (a bare name means ` + nagiosPluginDir + `/NAME) with FIXED-ARGS,
then the arguments declared with --arg. Exit codes 0..3 become the plugin
state, perfdata is parsed, and the default classifier maps OK/WARNING/CRITICAL/
UNKNOWN to ok/minor/critical/unknown. Example:

  prophasis plugin wrap-nagios check_disk --id com.example.check_disk \
      --arg path=-p:/ --arg warning=-w:20% --arg critical=-c:10% --unit B`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			check := args[0]
			if !strings.Contains(check, "/") {
				check = path.Join(nagiosPluginDir, check)
			}
			if m.ID == "" {
				m.ID = "org.monitoring-plugins." + strings.ReplaceAll(path.Base(check), "-", "_")
			}
			if m.Name == "" {
				m.Name = path.Base(check)
			}
			for _, s := range argSpec {
				a, err := parseArgSpec(s)
				if err != nil {
					return err
				}
				m.Arguments = append(m.Arguments, a)
			}
			b, err := bundle.Wrap(bundle.NagiosWrap{Command: check, FixedArgs: args[1:], Manifest: m})
			if err != nil {
				return fmt.Errorf("wrap-nagios:\n%w", err)
			}
			return writeBundle(cmd.OutOrStdout(), b, output)
		},
	}
	f := cmd.Flags()
	f.StringVar(&m.ID, "id", "", "plugin id (default org.monitoring-plugins.CHECK)")
	f.StringVar(&m.Name, "name", "", "display name (default CHECK)")
	f.StringVar(&m.Description, "description", "", "description")
	f.StringVar(&m.Version, "version", "1.0.0", "semantic version")
	f.Float64Var(&m.TimeoutSeconds, "timeout", 30, "timeout in seconds")
	f.StringVar(&m.ValueLabel, "value-label", "", "perfdata label used as the value (default the first)")
	f.IntVar(&m.History, "history", 1, "results the classifier sees")
	f.StringVar(&m.View.Kind, "view", "line", "view kind: line, percent, state, messages")
	f.StringVar(&m.View.Unit, "unit", "", "unit shown on graphs")
	f.StringArrayVar(&argSpec, "arg", nil, "declare an argument NAME[=FLAG[:DEFAULT]] (FLAG _ = positional); repeatable")
	f.StringVarP(&output, "output", "o", "", "archive to write (default ID-VERSION.tar.gz)")
	return cmd
}
