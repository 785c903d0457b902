// Package sqlite is the default virk store: a single SQLite file, through
// the pure-Go modernc.org/sqlite driver so that virk builds without cgo.
// The store's logic is shared with the other SQL backends in package
// sqlstore; this package opens the file and describes the dialect.
package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/store/sqlstore"
	"modernc.org/sqlite"
	"modernc.org/sqlite/lib"
)

//go:embed migration/*.sql
var migrationFS embed.FS

// DB is a virk store in an SQLite file.
type DB struct {
	*sqlstore.DB
}

var _ virk.Store = (*DB)(nil)

// pragmas run on every new connection, in this order. busy_timeout comes
// first so that the others wait for a lock instead of failing at once; a
// write transaction that still finds the lock taken after it tries again
// (see sqlstore.Dialect.Busy), so an import waits out a long one.
// WAL lets readers go on while an import writes; foreign_keys is off by
// default in SQLite; synchronous NORMAL is safe with WAL and skips an
// fsync per commit.
func pragmas() []string {
	return []string{
		"PRAGMA busy_timeout = 10000",
		"PRAGMA journal_mode = WAL",
		"PRAGMA foreign_keys = ON",
		"PRAGMA synchronous = NORMAL",
	}
}

// Open opens the database file at path, creating it if it does not exist,
// and brings its schema up to date.
func Open(ctx context.Context, path string) (*DB, error) {
	// Write transactions start with BEGIN IMMEDIATE: Apply reads before it
	// writes, and a deferred transaction could then fail to upgrade its
	// lock when another process wrote in between. Read-only ones, a dry
	// run's, start with a plain BEGIN and take no write lock.
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?_txlock=immediate"
	base, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	pool := sql.OpenDB(connector{base})
	db, err := sqlstore.New(ctx, pool, Dialect())
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return &DB{db}, nil
}

// connector sets the pragmas on each new connection. It hands out the
// driver's own connection, not a wrapper, so that database/sql still sees
// every optional interface the driver implements.
type connector struct {
	driver.Connector
}

// Connect opens a connection and runs the pragmas on it.
func (c connector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	exec, ok := conn.(driver.ExecerContext)
	if !ok {
		conn.Close()
		return nil, errors.New("sqlite driver cannot execute statements directly")
	}
	for _, p := range pragmas() {
		if _, err := exec.ExecContext(ctx, p, nil); err != nil {
			conn.Close()
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	return conn, nil
}

// Migrations returns the SQLite migration files.
func Migrations() fs.FS { return sqlstore.MigrationDir(migrationFS, "migration") }

// Dialect describes SQLite to the shared store code.
func Dialect() *sqlstore.Dialect {
	return &sqlstore.Dialect{
		Name:       "sqlite",
		Migrations: Migrations(),
		// SQLite allows 32766 parameters since 3.32.
		MaxParams:   32766,
		FormatError: FormatError,
		// One write lock for the whole file: writers queue in the process,
		// and wait past busy_timeout for a writer in another.
		SingleWriter: true,
		Busy:         Busy,
	}
}

// Busy reports whether err says that another connection held the write
// lock for all of busy_timeout (SQLITE_BUSY, with any extended code).
func Busy(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_BUSY
}

// FormatError maps SQLite errors to virk errors: no rows to ENOTFOUND,
// unique, primary-key and foreign-key violations to ECONFLICT. The driver
// error stays in the chain for logs; other errors are returned as they
// are.
func FormatError(err error) error {
	var e *sqlite.Error
	code := ""
	switch {
	case errors.Is(err, sql.ErrNoRows):
		code = virk.ENOTFOUND
	case errors.As(err, &e):
		switch e.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY,
			sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			code = virk.ECONFLICT
		}
	}
	return sqlstore.WrapError(code, err)
}
