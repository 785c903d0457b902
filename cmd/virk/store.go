package main

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/store/postgres"
	"github.com/virk-analyse/virk/store/sqlite"
)

// openStore opens the database named by dsn: PostgreSQL for a postgres://
// URL, else an SQLite file. Commands that only read refuse to create a
// missing SQLite file, so that a mistyped path is not silently an empty
// database.
func openStore(ctx context.Context, dsn string, create bool) (virk.Store, error) {
	if isPostgres(dsn) {
		db, err := postgres.Open(ctx, dsn)
		if err != nil {
			return nil, virk.Errorf(virk.EINVALID, "kan ikke koble til PostgreSQL (%s): %v", redactDSN(dsn), err)
		}
		return db, nil
	}
	if _, err := os.Stat(dsn); errors.Is(err, fs.ErrNotExist) && !create {
		return nil, virk.Errorf(virk.ENOTFOUND, "databasen %s finnes ikke; kjør «virk demo» eller «virk import» først, eller angi --db", dsn)
	}
	db, err := sqlite.Open(ctx, dsn)
	if err != nil {
		return nil, virk.Errorf(virk.EINVALID, "kan ikke åpne databasen %s: %v", dsn, err)
	}
	return db, nil
}

// openStoreFor opens the database for a command that may be a dry run: a
// dry run creates no database and gets a nil store when there is none,
// so that it can show what it would do against what one holds.
func (m *Main) openStoreFor(ctx context.Context, dsn string, dryRun bool) (virk.Store, error) {
	if !dryRun {
		return m.openWriter(ctx, dsn, true, nil)
	}
	st, err := openStore(ctx, dsn, false)
	if virk.ErrorCode(err) == virk.ENOTFOUND {
		return nil, nil
	}
	return st, err
}

// openWriter opens the database for a command that writes, like
// openStore, and tells the user on Stderr whenever a write has to wait
// for another import to finish (see waitNotice), pausing prog, which may
// be nil, meanwhile. Without it a write waits just as long, silently.
func (m *Main) openWriter(ctx context.Context, dsn string, create bool, prog *progress) (virk.Store, error) {
	st, err := openStore(ctx, dsn, create)
	if err != nil {
		return nil, err
	}
	setWaiting(st, waitNotice(m.Stderr, m.IsTerminal, prog))
	return st, nil
}

// setWaiting sets the function the store calls while a write waits for
// another writer, on either backend; other stores have none. It must be
// set while nothing writes through st.
func setWaiting(st virk.Store, fn func(waited time.Duration, done bool)) {
	switch db := st.(type) {
	case *sqlite.DB:
		db.Waiting = fn
	case *postgres.DB:
		db.Waiting = fn
	}
}
