package main

import (
	"context"
	"errors"
	"io/fs"
	"os"

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
func openStoreFor(ctx context.Context, dsn string, dryRun bool) (virk.Store, error) {
	if !dryRun {
		return openStore(ctx, dsn, true)
	}
	st, err := openStore(ctx, dsn, false)
	if virk.ErrorCode(err) == virk.ENOTFOUND {
		return nil, nil
	}
	return st, err
}
