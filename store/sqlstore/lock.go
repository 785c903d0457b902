package sqlstore

import (
	"context"
	"database/sql"
	"sync"
	"time"
)

// txKind is what a transaction does, which decides the locks it takes.
type txKind int

const (
	// txWrite is a small write: a user, a session, a setting. It queues
	// in the process only when the dialect has a single writer; on a
	// database with row locks it runs alongside an import.
	txWrite txKind = iota
	// txImport is a write that reads the stored data, decides from it what
	// to write and stamps a batch: Apply, ApplyEnergy, PutAlerts,
	// UpdatePeerGroups. It always queues in the process and takes the
	// dialect's ImportLock, so that two imports never interleave and the
	// second diffs against the rows the first committed; otherwise both
	// would read the same old values and the first's would be lost from
	// the revisions. Its statements run at the default READ COMMITTED on
	// PostgreSQL, so each sees the rows committed before it, the lock's
	// holder's included; a snapshot taken at the lock statement would not.
	txImport
	// txRead is the read-only snapshot of a dry run. It takes no lock, so
	// it neither waits for a writer nor holds one up: SQLite's WAL gives it
	// the last committed state, and on PostgreSQL it runs at REPEATABLE
	// READ READ ONLY, one snapshot for all its reads.
	txRead
)

// waitNotice is how long a write transaction waits for its turn before
// DB.Waiting hears of it, and then how often it hears again.
const waitNotice = time.Second

// begin starts a transaction of the given kind; see txKind.
func (db *DB) begin(ctx context.Context, kind txKind) (*Tx, error) {
	if kind == txRead {
		conn, tx, err := db.open(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			return nil, err
		}
		return &Tx{tx: tx, conn: conn, db: db, now: db.now()}, nil
	}
	w := db.watch()
	defer w.end()
	var release func()
	if kind == txImport || db.dialect.SingleWriter {
		var err error
		if release, err = db.takeTurn(ctx); err != nil {
			return nil, err
		}
	}
	conn, tx, err := db.openWrite(ctx)
	if err != nil {
		if release != nil {
			release()
		}
		return nil, err
	}
	t := &Tx{tx: tx, conn: conn, db: db, release: release}
	if kind == txImport && db.dialect.ImportLock != "" {
		if _, err := tx.ExecContext(ctx, db.dialect.ImportLock); err != nil {
			t.Rollback()
			return nil, db.dialect.formatError(err)
		}
	}
	// The clock is read once the lock is held, so that batches are
	// stamped in the order they commit.
	t.now = db.now()
	return t, nil
}

// now returns the time a transaction stamps its rows with.
func (db *DB) now() time.Time { return db.Now().UTC().Truncate(time.Microsecond) }

// takeTurn waits until no other write transaction of this DB that queues
// is running, or until ctx is done, and returns the function that ends the
// turn. Waiting goroutines are let in in the order they came, as Go queues
// the senders on a channel.
func (db *DB) takeTurn(ctx context.Context) (func(), error) {
	select {
	case db.writer <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return func() { <-db.writer }, nil
}

// openWrite opens a write transaction on a connection of its own. When
// another connection, in this process or another, holds the write lock
// past the driver's own wait (SQLite's busy_timeout), it tries again with
// a growing pause until ctx is done: an import that runs for minutes
// makes the next one wait, not fail.
func (db *DB) openWrite(ctx context.Context) (*sql.Conn, *sql.Tx, error) {
	pause := 50 * time.Millisecond
	for {
		conn, tx, err := db.open(ctx, nil)
		if err == nil || db.dialect.Busy == nil || !db.dialect.Busy(err) || ctx.Err() != nil {
			return conn, tx, err
		}
		db.at("busy")
		select {
		case <-time.After(pause):
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		}
		pause = min(2*pause, time.Second)
	}
}

// open begins a transaction with opts on a connection of its own.
func (db *DB) open(ctx context.Context, opts *sql.TxOptions) (*sql.Conn, *sql.Tx, error) {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return nil, nil, db.dialect.formatError(err)
	}
	tx, err := conn.BeginTx(ctx, opts)
	if err != nil {
		conn.Close()
		return nil, nil, db.dialect.formatError(err)
	}
	return conn, tx, nil
}

// SetTestHook sets a function that the DB calls at named points of its
// transactions, for tests that must order concurrent transactions without
// sleeping; nil, the default, removes it. The points are:
//
//   - "waiting": a write transaction has waited for its turn for
//     waitNotice, and again each waitNotice after, as DB.Waiting is told;
//   - "busy": the driver gave up waiting for another connection's write
//     lock, and the transaction tries again;
//   - "commit": Apply or ApplyEnergy is about to commit, with every row
//     written and the locks held.
//
// The function runs on the goroutine of the transaction, except for
// "waiting", and may block it: a test holds an import open at "commit"
// until it has checked what others do meanwhile.
func (db *DB) SetTestHook(fn func(point string)) {
	if fn == nil {
		db.hook.Store(nil)
		return
	}
	db.hook.Store(&fn)
}

// at calls the test hook, if any, at point.
func (db *DB) at(point string) {
	if fn := db.hook.Load(); fn != nil {
		(*fn)(point)
	}
}

// waitWatch tells DB.Waiting and the test hook about a write transaction
// that waits for its turn. It costs a timer, and no goroutine until the
// wait has lasted waitNotice.
type waitWatch struct {
	db    *DB
	start time.Time
	mu    sync.Mutex
	timer *time.Timer
	told  bool // Waiting heard of the wait
	over  bool
}

// watch starts watching a wait, or returns nil when nobody listens.
func (db *DB) watch() *waitWatch {
	if db.Waiting == nil && db.hook.Load() == nil {
		return nil
	}
	w := &waitWatch{db: db, start: time.Now()}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.timer = time.AfterFunc(waitNotice, w.tick)
	return w
}

// tick tells of the wait so far and sets the next tick.
func (w *waitWatch) tick() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.over {
		return
	}
	if fn := w.db.Waiting; fn != nil {
		fn(time.Since(w.start), false)
		w.told = true
	}
	w.db.at("waiting")
	w.timer.Reset(waitNotice)
}

// end stops the watch and tells that the wait is over, if it told of it.
func (w *waitWatch) end() {
	if w == nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.over = true
	w.timer.Stop()
	if w.told {
		w.db.Waiting(time.Since(w.start), true)
	}
}
