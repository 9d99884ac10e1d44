package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/prophasis/prophasis/dashboards"
	"github.com/prophasis/prophasis/internal/config"
	"github.com/prophasis/prophasis/internal/pgserver"
)

func newUserCmd(logger *slog.Logger) *cobra.Command {
	cmd := &cobra.Command{Use: "user", Short: "Manage web app users"}
	cmd.AddCommand(newUserAddCmd(logger))
	return cmd
}

func newUserAddCmd(logger *slog.Logger) *cobra.Command {
	var db, dataDir, role string
	cmd := &cobra.Command{
		Use:   "add NAME",
		Short: "Add a user; the password is read from stdin, or prompted for on a terminal",
		Long: "Add a user to the web app. With --db (or $" + config.EnvDatabaseURL + ") the user goes into that\n" +
			"database; otherwise into the embedded PostgreSQL of `prophasis up` in --data-dir,\n" +
			"which must not be running at the same time (use the users page then).",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			password, err := readPassword(cmd.InOrStdin(), cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			return addUser(cmd.Context(), logger, db, dataDir, args[0], role, password, cmd.OutOrStdout())
		},
	}
	defaultDir := os.Getenv(config.EnvDataDir)
	if defaultDir == "" {
		defaultDir, _ = config.DefaultDataDir()
	}
	cmd.Flags().StringVar(&role, "role", "viewer", "admin (everything) or viewer (reports only)")
	cmd.Flags().StringVar(&db, "db", "", "PostgreSQL URL (default $"+config.EnvDatabaseURL+")")
	cmd.Flags().StringVar(&dataDir, "data-dir", defaultDir, "data directory of `prophasis up`, used when no --db is given")
	return cmd
}

// addUser opens the database (the embedded one when no URL is given),
// requires an up-to-date schema, and creates the user.
func addUser(ctx context.Context, logger *slog.Logger, db, dataDir, name, role, password string, out io.Writer) error {
	if db == "" {
		db = os.Getenv(config.EnvDatabaseURL)
	}
	if db == "" {
		pg, err := pgserver.Start(ctx, pgserver.Config{Dir: filepath.Join(dataDir, "pg"), Logger: logger.With("component", "postgresql")})
		if err != nil {
			return fmt.Errorf("start the embedded postgresql in %s (is `prophasis up` running? then add users in the web app): %w", dataDir, err)
		}
		defer stopPostgres(logger, pg)
		db = pg.DSN(embeddedDB)
	}
	pool, err := openPool(ctx, config.DSN(db))
	if err != nil {
		return err
	}
	defer pool.Close()
	if err := checkSchema(ctx, pool); err != nil {
		return err
	}
	id, err := dashboards.AddUser(ctx, pool, name, role, password)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(out, "added %s user %s (id %d)\n", role, name, id)
	return err
}

// readPassword prompts twice without echo on a terminal; otherwise it
// reads the first line of stdin, so scripts can pipe a password in.
func readPassword(in io.Reader, prompt io.Writer) (string, error) {
	if f, ok := in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(prompt, "Password: ")
		p1, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprint(prompt, "\nRepeat: ")
		p2, err2 := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(prompt)
		if err = errors.Join(err, err2); err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		if string(p1) != string(p2) {
			return "", errors.New("the passwords differ")
		}
		return string(p1), nil
	}
	line, err := bufio.NewReader(io.LimitReader(in, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password from stdin: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}
