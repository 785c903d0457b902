// Package sqlstore implements virk.Store on database/sql once for every SQL
// backend. A backend package (store/sqlite, store/postgres) opens the
// connection pool, describes its SQL dialect in a Dialect and wraps the DB
// returned by New; everything that does not depend on the dialect, such as
// validation, diffing, batching and scanning, lives here.
package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"time"

	"github.com/virk-analyse/virk"
)

// Dialect is what the shared code needs to know about a backend.
type Dialect struct {
	// Name names the backend in internal error messages.
	Name string
	// Migrations holds the numbered migration files (0001_init.sql, …) at
	// its root.
	Migrations fs.FS
	// Dollar selects numbered placeholders ($1, $2, …) instead of "?".
	Dollar bool
	// MaxParams caps the bound parameters of one statement, which sets how
	// many rows a multi-row INSERT carries.
	MaxParams int
	// FormatError maps a driver error to a *virk.Error where it has a
	// meaning for users (no rows, constraint violations), and returns other
	// errors unchanged.
	FormatError func(err error) error
	// Copy, if set, bulk-inserts rows into table on the connection of an
	// open transaction, faster than INSERT statements can. It returns the
	// number of rows stored.
	Copy func(ctx context.Context, conn *sql.Conn, table string, columns []string, src CopySource) (int64, error)
}

// CopySource yields the rows of a bulk insert. Its method set matches
// pgx.CopyFromSource, so a backend can pass it on as it is.
type CopySource interface {
	// Next advances to the next row and reports whether there is one.
	Next() bool
	// Values returns the current row.
	Values() ([]any, error)
	// Err returns the error that stopped the iteration, if any.
	Err() error
}

// rebind rewrites the "?" placeholders of query for the dialect. The
// queries of this package never hold a literal question mark.
func (d *Dialect) rebind(query string) string {
	if !d.Dollar || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + len(query)/8)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] != '?' {
			b.WriteByte(query[i])
			continue
		}
		n++
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(n))
	}
	return b.String()
}

// formatError passes err through the dialect's error mapping.
func (d *Dialect) formatError(err error) error {
	if err == nil || d.FormatError == nil {
		return err
	}
	return d.FormatError(err)
}

// DB is a virk.Store on a SQL database. Backends embed it.
type DB struct {
	db      *sql.DB
	dialect *Dialect
	keys    keyCache

	// Now returns the current time. Every write transaction reads it once,
	// so all rows it stamps carry the same time; tests replace it to get
	// predictable timestamps.
	Now func() time.Time
}

var _ virk.Store = (*DB)(nil)

// New wraps an open connection pool and brings its schema up to date by
// running the dialect's pending migrations. On error the pool is left open
// for the caller to close.
func New(ctx context.Context, db *sql.DB, d *Dialect) (*DB, error) {
	s := &DB{db: db, dialect: d, Now: time.Now}
	if err := s.migrate(ctx); err != nil {
		return nil, fmt.Errorf("migrate %s database: %w", d.Name, err)
	}
	return s, nil
}

// Close closes the connection pool.
func (db *DB) Close() error { return db.db.Close() }

// SQL returns the underlying connection pool, for backend-specific tests
// and maintenance.
func (db *DB) SQL() *sql.DB { return db.db }

// query runs a read query outside a transaction.
func (db *DB) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	rows, err := db.db.QueryContext(ctx, db.dialect.rebind(q), args...)
	return rows, db.dialect.formatError(err)
}

// Tx is a write transaction with a fixed "now" and dialect-aware helpers.
// It runs on a connection of its own so that a backend's bulk loader can
// join it.
type Tx struct {
	tx   *sql.Tx
	conn *sql.Conn
	db   *DB
	now  time.Time
}

// BeginTx starts a write transaction. Its time is read from db.Now once and
// truncated to microseconds, the precision both backends keep.
func (db *DB) BeginTx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return nil, db.dialect.formatError(err)
	}
	tx, err := conn.BeginTx(ctx, opts)
	if err != nil {
		conn.Close()
		return nil, db.dialect.formatError(err)
	}
	now := db.Now().UTC().Truncate(time.Microsecond)
	return &Tx{tx: tx, conn: conn, db: db, now: now}, nil
}

// Now returns the transaction's time.
func (tx *Tx) Now() time.Time { return tx.now }

// Commit commits the transaction and releases its connection.
func (tx *Tx) Commit() error {
	err := tx.tx.Commit()
	tx.conn.Close()
	return tx.db.dialect.formatError(err)
}

// Rollback aborts the transaction and releases its connection. It is safe
// to call after Commit, so it can be deferred.
func (tx *Tx) Rollback() error {
	err := tx.tx.Rollback()
	tx.conn.Close()
	if err == sql.ErrTxDone {
		return nil
	}
	return tx.db.dialect.formatError(err)
}

// exec runs a statement written with "?" placeholders.
func (tx *Tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	res, err := tx.tx.ExecContext(ctx, tx.db.dialect.rebind(q), args...)
	return res, tx.db.dialect.formatError(err)
}

// query runs a query written with "?" placeholders.
func (tx *Tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	rows, err := tx.tx.QueryContext(ctx, tx.db.dialect.rebind(q), args...)
	return rows, tx.db.dialect.formatError(err)
}

// insertID runs an INSERT … RETURNING of one integer key and returns it.
func (tx *Tx) insertID(ctx context.Context, q string, args ...any) (int64, error) {
	var id int64
	err := tx.tx.QueryRowContext(ctx, tx.db.dialect.rebind(q), args...).Scan(&id)
	return id, tx.db.dialect.formatError(err)
}

// queryer is what the read helpers need: the pool outside a transaction,
// or a *Tx inside one.
type queryer interface {
	query(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}
