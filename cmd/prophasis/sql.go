package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/spf13/cobra"

	"github.com/prophasis/prophasis/internal/analyst"
	"github.com/prophasis/prophasis/internal/config"
)

// newSQLCmd groups the analysts' SQL access (docs/sql.md): read-only
// login roles on the views of schema analyst.
func newSQLCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "sql", Short: "SQL access for analysts (see docs/sql.md)"}
	reader := &cobra.Command{Use: "reader", Short: "Manage read-only login roles that may query the analyst views"}
	reader.AddCommand(newSQLReaderCreateCmd(), newSQLReaderDropCmd())
	cmd.AddCommand(reader)
	return cmd
}

func newSQLReaderCreateCmd() *cobra.Command {
	var db, passwordFile string
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "create NAME",
		Short: "Create a login role that can only SELECT the analyst views, read-only, with a statement timeout",
		Long: "Create a PostgreSQL login role for psql, Grafana or BI tools. The password comes from\n" +
			"--password-file, else is prompted for on a terminal, else is the first line of stdin.\n" +
			"Only its SCRAM-SHA-256 verifier is sent to the server.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := analyst.ValidateName(args[0]); err != nil {
				return err
			}
			password, err := readerPassword(passwordFile, cmd.InOrStdin(), cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			if err := analyst.ValidatePassword(password); err != nil {
				return err
			}
			if timeout == 0 {
				timeout = analyst.DefaultStatementTimeout
			}
			r := analyst.Reader{Name: args[0], Password: password, StatementTimeout: timeout}
			err = withConn(cmd.Context(), db, func(conn *pgx.Conn) error { return analyst.CreateReader(cmd.Context(), conn, r) })
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "created reader %s: SELECT on schema %s only, read-only sessions, statement_timeout %s\n",
				r.Name, analyst.Schema, timeout)
			return err
		},
	}
	cmd.Flags().StringVar(&db, "db", "", "PostgreSQL URL of a role with CREATEROLE owning the schema (default $"+config.EnvDatabaseURL+")")
	cmd.Flags().StringVar(&passwordFile, "password-file", "", "file holding the new role's password (first line)")
	cmd.Flags().DurationVar(&timeout, "statement-timeout", analyst.DefaultStatementTimeout, "longest a statement of the role may run")
	return cmd
}

func newSQLReaderDropCmd() *cobra.Command {
	var db string
	cmd := &cobra.Command{
		Use:   "drop NAME",
		Short: "Drop a role made by `sql reader create` (any other role is refused)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := analyst.ValidateName(args[0]); err != nil {
				return err
			}
			err := withConn(cmd.Context(), db, func(conn *pgx.Conn) error { return analyst.DropReader(cmd.Context(), conn, args[0]) })
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "dropped reader %s\n", args[0])
			return err
		},
	}
	cmd.Flags().StringVar(&db, "db", "", "PostgreSQL URL of a role with CREATEROLE (default $"+config.EnvDatabaseURL+")")
	return cmd
}

// readerPassword reads the password from file when one is named, else as
// `user add` does (prompt on a terminal, first line of stdin otherwise).
func readerPassword(file string, in io.Reader, prompt io.Writer) (string, error) {
	if file == "" {
		return readPassword(in, prompt)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("password file: %w", err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	return strings.TrimRight(line, "\r"), nil
}

// withConn runs f on one connection to the --db / $PROPHASIS_DATABASE_URL
// database.
func withConn(ctx context.Context, flag string, f func(*pgx.Conn) error) error {
	dsn, err := databaseURL(flag)
	if err != nil {
		return err
	}
	conn, err := pgx.Connect(ctx, string(dsn))
	if err != nil {
		return fmt.Errorf("connect to %s: %w", config.Redact(string(dsn)), err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	return f(conn)
}
