// Package postgres is the virk store on PostgreSQL, for installations that
// share one database between several servers. It uses pgx through its
// database/sql driver, and pgx's COPY for bulk loads. The store's logic
// is shared with the other SQL backends in package sqlstore; this package
// opens the connection pool and describes the dialect.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/store/sqlstore"
)

//go:embed migration/*.sql
var migrationFS embed.FS

// DB is a virk store in a PostgreSQL database.
type DB struct {
	*sqlstore.DB
}

var _ virk.Store = (*DB)(nil)

// Open connects to the database at url (postgres://user@host/db?…) and
// brings its schema up to date.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	pool := stdlib.OpenDB(*cfg)
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres %s/%s: %w", cfg.Host, cfg.Database, err)
	}
	db, err := sqlstore.New(ctx, pool, Dialect())
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres %s/%s: %w", cfg.Host, cfg.Database, err)
	}
	return &DB{db}, nil
}

// Migrations returns the PostgreSQL migration files.
func Migrations() fs.FS { return sqlstore.MigrationDir(migrationFS, "migration") }

// Dialect describes PostgreSQL to the shared store code.
func Dialect() *sqlstore.Dialect {
	return &sqlstore.Dialect{
		Name:       "postgres",
		Migrations: Migrations(),
		Dollar:     true,
		// The wire protocol counts parameters in 16 bits.
		MaxParams:   65535,
		FormatError: FormatError,
		Copy:        copyFrom,
		ImportLock:  "SELECT pg_advisory_xact_lock(" + importLockKey + ")",
	}
}

// importLockKey is the advisory lock that an import transaction holds until
// it ends, so that imports into one database run one after the other
// whichever server runs them, and each diffs against the rows the one
// before committed. It is a fixed number, "virk" in ASCII; no other
// advisory lock in the database may use it.
const importLockKey = "1986622059"

// copyFrom bulk-loads rows with COPY on the connection of the open
// transaction, which database/sql lets a caller reach through Raw.
func copyFrom(ctx context.Context, conn *sql.Conn, table string, columns []string, src sqlstore.CopySource) (int64, error) {
	var n int64
	err := conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("copy into %s: unexpected driver connection %T", table, dc)
		}
		var err error
		n, err = c.Conn().CopyFrom(ctx, pgx.Identifier{table}, columns, src)
		return err
	})
	return n, err
}

// FormatError maps PostgreSQL errors to virk errors: no rows to
// ENOTFOUND, unique and foreign-key violations to ECONFLICT. The driver
// error stays in the chain for logs; other errors are returned as they
// are.
func FormatError(err error) error {
	var e *pgconn.PgError
	code := ""
	switch {
	case errors.Is(err, sql.ErrNoRows):
		code = virk.ENOTFOUND
	case errors.As(err, &e) && (e.Code == "23505" || e.Code == "23503"):
		// unique_violation, foreign_key_violation
		code = virk.ECONFLICT
	}
	return sqlstore.WrapError(code, err)
}
