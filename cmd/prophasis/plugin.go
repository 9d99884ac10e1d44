package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/prophasis/prophasis/agent/bundle"
	"github.com/prophasis/prophasis/agent/manifest"
)

// newPluginCmd groups the plugin packaging tools; uploading a plugin to the
// core is done in the web app or REST API.
func newPluginCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "plugin",
		Short: "Build and inspect plugin archives",
	}
	cmd.AddCommand(newPluginPackCmd(), newPluginWrapNagiosCmd(), newPluginInspectCmd())
	return cmd
}

func newPluginPackCmd() *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "pack DIR -o FILE",
		Short: "Validate a plugin directory and pack it as a .tar.gz",
		Long: `pack validates DIR/manifest.json (every problem is reported with its field),
checks that the entry point and the classifier exist, and writes a
deterministic .tar.gz: packing the same files twice gives the same sha256.
See docs/plugins.md for the manifest format.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := bundle.Build(os.DirFS(args[0]))
			if err != nil {
				return fmt.Errorf("pack %s:\n%w", args[0], err)
			}
			return writeBundle(cmd.OutOrStdout(), b, output)
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "archive to write (default ID-VERSION.tar.gz)")
	return cmd
}

func newPluginInspectCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "inspect FILE",
		Short: "Validate a plugin archive and print its manifest and sha256",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			b, err := bundle.Open(data, 128<<20)
			if err != nil {
				return fmt.Errorf("inspect %s:\n%w", args[0], err)
			}
			m := b.Manifest
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "id:       %s\nname:     %s\nversion:  %s\nprotocol: %s\nentry:    %s\nsha256:   %s\n",
				m.ID, m.Name, m.Version, m.Protocol, m.Entry, b.SHA256)
			return err
		},
	}
}

func writeBundle(out io.Writer, b bundle.Bundle, output string) error {
	if output == "" {
		output = b.Manifest.ID + "-" + b.Manifest.Version + ".tar.gz"
	}
	if err := os.WriteFile(output, b.Archive, 0o644); err != nil {
		return err
	}
	abs, _ := filepath.Abs(output)
	_, err := fmt.Fprintf(out, "%s %s -> %s\nsha256 %s\n", b.Manifest.ID, b.Manifest.Version, abs, b.SHA256)
	return err
}

// parseArgSpec reads NAME, NAME=FLAG or NAME=FLAG:DEFAULT; the flag "_"
// makes the argument positional. Defaults may contain ':' (Nagios ranges).
func parseArgSpec(spec string) (manifest.Argument, error) {
	name, rest, hasFlag := strings.Cut(spec, "=")
	a := manifest.Argument{Name: name}
	if hasFlag {
		a.Flag, a.Default, _ = strings.Cut(rest, ":")
		if a.Flag == "_" {
			a.Flag, a.Positional = "", true
		}
	}
	if name == "" || (hasFlag && !a.Positional && a.Flag == "") {
		return manifest.Argument{}, fmt.Errorf("--arg %q: want NAME, NAME=FLAG or NAME=FLAG:DEFAULT", spec)
	}
	return a, nil
}
