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
	"sync/atomic"
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
	// SingleWriter says that the database lets one write transaction run
	// at a time, as SQLite does: every write then queues in the process,
	// not only imports, instead of contending for the lock.
	SingleWriter bool
	// Busy, if set, reports whether err says that another connection holds
	// the write lock and the driver gave up waiting for it (SQLite's
	// SQLITE_BUSY after busy_timeout). Beginning a write transaction then
	// tries again until its context ends.
	Busy func(err error) bool
	// ImportLock, if set, is the statement an import transaction runs
	// first, with no arguments, to take a lock that only one import holds
	// at a time, in any process, until its transaction ends: PostgreSQL's
	// pg_advisory_xact_lock. A database with one writer needs none.
	ImportLock string
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
//
// Writers queue rather than fail (see lock.go): an import, or on a
// single-writer database any write, waits for the one before it, in this
// process and in others, for as long as its context allows, and tells
// Waiting while it does. A dry run writes nothing and takes no lock.
type DB struct {
	db      *sql.DB
	dialect *Dialect
	keys    keyCache
	writer  chan struct{} // holds a token while a write transaction that queues runs
	hook    atomic.Pointer[func(point string)]

	// Now returns the current time. Every write transaction reads it once,
	// so all rows it stamps carry the same time; tests replace it to get
	// predictable timestamps.
	Now func() time.Time

	// Waiting, if set, is told that a write transaction is waiting for
	// another writer to finish: in this process, or in another that holds
	// the database's write lock (SQLite) or the import lock (PostgreSQL).
	// It is called a second into the wait and about once a second after,
	// with done false and the time waited so far, and then once with done
	// true when the wait is over, whether the transaction got the lock or
	// gave up. A wait shorter than a second is not told. It is called
	// from a goroutine of its own, never twice at a time for one
	// transaction, and must return quickly. Set it before the DB is used.
	Waiting func(waited time.Duration, done bool)
}

var _ virk.Store = (*DB)(nil)

// New wraps an open connection pool and brings its schema up to date by
// running the dialect's pending migrations. On error the pool is left open
// for the caller to close.
func New(ctx context.Context, db *sql.DB, d *Dialect) (*DB, error) {
	s := &DB{db: db, dialect: d, Now: time.Now, writer: make(chan struct{}, 1)}
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

// Tx is a transaction with a fixed "now" and dialect-aware helpers: a
// write transaction, or the read-only snapshot of a dry run. It runs on a
// connection of its own so that a backend's bulk loader can join it.
type Tx struct {
	tx      *sql.Tx
	conn    *sql.Conn
	db      *DB
	now     time.Time
	release func() // gives up the writer's turn; nil once given up or when none was taken
}

// BeginTx starts a transaction: a write transaction that waits its turn
// when the dialect has a single writer (see lock.go), or, when opts asks
// for ReadOnly, a read-only snapshot that takes no lock. Its time is read
// from db.Now once and truncated to microseconds, the precision both
// backends keep.
func (db *DB) BeginTx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) {
	if opts != nil && opts.ReadOnly {
		return db.begin(ctx, txRead)
	}
	return db.begin(ctx, txWrite)
}

// Now returns the transaction's time.
func (tx *Tx) Now() time.Time { return tx.now }

// Commit commits the transaction, releases its connection and lets the
// next writer in.
func (tx *Tx) Commit() error {
	err := tx.tx.Commit()
	tx.conn.Close()
	tx.giveUpTurn()
	return tx.db.dialect.formatError(err)
}

// Rollback aborts the transaction, releases its connection and lets the
// next writer in. It is safe to call after Commit, so it can be deferred.
func (tx *Tx) Rollback() error {
	err := tx.tx.Rollback()
	tx.conn.Close()
	tx.giveUpTurn()
	if err == sql.ErrTxDone {
		return nil
	}
	return tx.db.dialect.formatError(err)
}

// giveUpTurn releases the writer's turn the transaction holds, if any.
// The connection is back in the pool by then, so the next writer finds
// it free.
func (tx *Tx) giveUpTurn() {
	if tx.release != nil {
		tx.release()
		tx.release = nil
	}
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
