package main

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"strings"
)

// Config is what virk needs to know to run, read once from flags and the
// environment.
type Config struct {
	// DB is the SQLite file, or a postgres:// URL for PostgreSQL.
	DB string
	// User is recorded on import batches.
	User string
}

// DefaultDB is the embedded SQLite database used when nothing else is set.
const DefaultDB = "./virk.db"

// config returns the configuration from the environment, for flags to
// override.
func (m *Main) config() Config {
	c := Config{DB: m.Getenv("VIRK_DB"), User: m.Getenv("VIRK_USER")}
	if c.DB == "" {
		c.DB = DefaultDB
	}
	if c.User == "" {
		c.User = m.Getenv("USER")
	}
	return c
}

// addDBFlag registers --db on fs, defaulting to the configured database.
func addDBFlag(fs *flag.FlagSet, c *Config) {
	fs.StringVar(&c.DB, "db", c.DB, "SQLite-fil eller postgres://-URL (VIRK_DB)")
}

// isPostgres reports whether dsn names a PostgreSQL server.
func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// redactDSN hides a password in a database URL.
func redactDSN(dsn string) string {
	if !isPostgres(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

func runConfig(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("config", "[--db DB]")
	addDBFlag(fs, &c)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "VIRK_DB=%s\nVIRK_USER=%s\n", redactDSN(c.DB), c.User)
	return nil
}
