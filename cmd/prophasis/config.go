package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/prophasis/prophasis/internal/config"
	"github.com/prophasis/prophasis/internal/confyaml"
)

// newConfigCmd is configuration as code: plugins, hosts, host groups,
// checks, services, schedules, notifiers, alert rules, edited classifiers and
// maintenance windows as a YAML file that can live in git (docs/config-file.md).
func newConfigCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "config", Short: "Export or apply the configuration (plugins, hosts, groups, checks, services, schedules, notifiers, alert rules, classifiers, maintenance windows) as YAML"}
	cmd.AddCommand(newConfigExportCmd(), newConfigApplyCmd())
	return cmd
}

func newConfigExportCmd() *cobra.Command {
	var db, output, archives string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the configuration as YAML (no secrets: agent keys and notifier secrets stay in the database)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withPool(cmd.Context(), db, func(pool *pgxpool.Pool) error {
				f, err := confyaml.Export(cmd.Context(), pool)
				if err != nil {
					return err
				}
				if archives != "" {
					base := "."
					if output != "" && output != "-" {
						base = filepath.Dir(output)
					}
					if err := confyaml.WriteArchives(cmd.Context(), pool, &f, archives, base); err != nil {
						return err
					}
				}
				out, err := confyaml.Marshal(f)
				if err != nil {
					return err
				}
				if output == "" || output == "-" {
					_, err = cmd.OutOrStdout().Write(out)
					return err
				}
				return os.WriteFile(output, out, 0o644)
			})
		},
	}
	cmd.Flags().StringVar(&db, "db", "", "PostgreSQL URL (default $"+config.EnvDatabaseURL+")")
	cmd.Flags().StringVarP(&output, "output", "o", "", "file to write (default stdout)")
	cmd.Flags().StringVar(&archives, "archives", "", "also write plugin archives to this directory, referenced from the file")
	return cmd
}

func newConfigApplyCmd() *cobra.Command {
	var db, file string
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "apply -f FILE",
		Short: "Make the database match a YAML file: create, update and delete; nothing changes if the file is invalid",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := parseConfigFile(file, cmd.InOrStdin())
			if err != nil {
				return err
			}
			return withPool(cmd.Context(), db, func(pool *pgxpool.Pool) error {
				changes, err := confyaml.Apply(cmd.Context(), pool, f, confyaml.Options{DryRun: dryRun, Dir: filepath.Dir(file)})
				if err != nil {
					return err
				}
				out := cmd.OutOrStdout()
				for _, c := range changes {
					fmt.Fprintln(out, c)
				}
				switch {
				case len(changes) == 0:
					_, err = fmt.Fprintln(out, "no changes")
				case dryRun:
					_, err = fmt.Fprintf(out, "%d changes (dry run: nothing was changed)\n", len(changes))
				default:
					_, err = fmt.Fprintf(out, "%d changes applied\n", len(changes))
				}
				return err
			})
		},
	}
	cmd.Flags().StringVar(&db, "db", "", "PostgreSQL URL (default $"+config.EnvDatabaseURL+")")
	cmd.Flags().StringVarP(&file, "file", "f", "", "YAML file to apply (- for stdin)")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print the changes without making them")
	_ = cmd.MarkFlagRequired("file")
	return cmd
}

func parseConfigFile(name string, stdin io.Reader) (confyaml.File, error) {
	if name == "-" {
		return confyaml.Parse(stdin)
	}
	r, err := os.Open(name)
	if err != nil {
		return confyaml.File{}, err
	}
	defer r.Close()
	f, err := confyaml.Parse(r)
	if err != nil {
		return f, fmt.Errorf("%s: %w", name, err)
	}
	return f, nil
}

// withPool runs f on a pool to an up-to-date database.
func withPool(ctx context.Context, flag string, f func(*pgxpool.Pool) error) error {
	dsn, err := databaseURL(flag)
	if err != nil {
		return err
	}
	pool, err := openPool(ctx, dsn)
	if err != nil {
		return err
	}
	defer pool.Close()
	if err := checkSchema(ctx, pool); err != nil {
		return err
	}
	return f(pool)
}
