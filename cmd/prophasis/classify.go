package main

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/internal/config"
	"github.com/prophasis/prophasis/internal/dryrun"
)

// maxBacktest bounds --backtest: a year is more than any tier of raw
// results is kept.
const maxBacktest = 400 * 24 * time.Hour

// newClassifyCmd groups classifier tools: for now, trying a classifier on
// stored results before saving it.
func newClassifyCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "classify", Short: "Classifier tools"}
	cmd.AddCommand(newClassifyTestCmd())
	return cmd
}

func newClassifyTestCmd() *cobra.Command {
	var db, file, window string
	var opt dryrun.Options
	cmd := &cobra.Command{
		Use:   "test --plugin ID [--host NAME] [--check ID] [--file CLASSIFIER.lua] [--backtest 30d]",
		Short: "Run a classifier on the latest stored result, or replay it over a past window; writes nothing",
		Long: `Runs the stored classifier of a plugin (the check's own, else the plugin's
default), or the code in --file, on the latest stored result of one host,
and prints its classification. With --backtest WINDOW (e.g. 24h, 7d, 30d)
it replays every stored result of the window instead and prints the
timeline as runs of equal state, the transitions and how many alerts
(changes into a problem state) it would have raised. Nothing is written.
The host and check default to those of the plugin's latest result.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opt.PluginID == "" {
				return fmt.Errorf("--plugin is required")
			}
			if window != "" {
				var err error
				if opt.Window, err = classify.ParseWindow(window, maxBacktest); err != nil {
					return fmt.Errorf("--backtest: %w", err)
				}
			}
			if file != "" {
				code, err := readClassifier(file)
				if err != nil {
					return err
				}
				opt.Code = code
			}
			dsn, err := databaseURL(db)
			if err != nil {
				return err
			}
			pool, err := openPool(cmd.Context(), dsn)
			if err != nil {
				return err
			}
			defer pool.Close()
			rep, err := dryrun.Test(cmd.Context(), pool, opt, time.Now())
			if err != nil {
				return err
			}
			return dryrun.Write(cmd.OutOrStdout(), rep)
		},
	}
	cmd.Flags().StringVar(&db, "db", "", "PostgreSQL URL (default $"+config.EnvDatabaseURL+")")
	cmd.Flags().StringVar(&opt.PluginID, "plugin", "", "plugin id, e.g. com.prophasis.disk")
	cmd.Flags().StringVar(&opt.Host, "host", "", "host name (default: the host of the plugin's latest result)")
	cmd.Flags().Int64Var(&opt.CheckID, "check", 0, "check id whose classifier and arguments to use (default: that of the latest result)")
	cmd.Flags().StringVar(&file, "file", "", "Lua classifier to try instead of the stored one")
	cmd.Flags().StringVar(&window, "backtest", "", "replay the stored results of this window, e.g. 30d")
	return cmd
}

// readClassifier reads a Lua file, refusing sizes the database would.
func readClassifier(path string) (string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return "", fmt.Errorf("classifier file: %w", err)
	}
	if info.Size() > 1_000_000 || info.Size() == 0 {
		return "", fmt.Errorf("classifier file %s: %d bytes, want 1 to 1000000", path, info.Size())
	}
	code, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("classifier file: %w", err)
	}
	return string(code), nil
}
