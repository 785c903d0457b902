package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io/fs"
	"sort"
	"time"
)

// migrate runs the dialect's migration files that the database has not
// recorded yet, in name order, each in its own transaction. Migrations are
// forward-only: a file is never edited once released, and a new change is
// a new file with the next number.
func (db *DB) migrate(ctx context.Context) error {
	// The table that records migrations cannot be created by one, so it is
	// made here, in SQL that every dialect accepts.
	if _, err := db.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migration (
		name       TEXT PRIMARY KEY,
		applied_at TEXT NOT NULL
	)`); err != nil {
		return fmt.Errorf("create migration table: %w", db.dialect.formatError(err))
	}
	names, err := MigrationNames(db.dialect.Migrations)
	if err != nil {
		return err
	}
	applied, err := db.appliedMigrations(ctx)
	if err != nil {
		return err
	}
	for _, name := range names {
		if applied[name] {
			continue
		}
		if err := db.migrateFile(ctx, name); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

// MigrationNames lists the migration files (*.sql) at the root of fsys in
// the order they run.
func MigrationNames(fsys fs.FS) ([]string, error) {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	return names, nil
}

// appliedMigrations reads the names recorded in the migration table. It
// only reads, so opening an up-to-date database never takes a write lock.
func (db *DB) appliedMigrations(ctx context.Context) (map[string]bool, error) {
	applied := make(map[string]bool)
	var name string
	err := queryEach(ctx, db, `SELECT name FROM migration`, nil, []any{&name},
		func() error { applied[name] = true; return nil })
	return applied, err
}

// migrateFile runs one migration and records it, unless a concurrent
// process did so first.
func (db *DB) migrateFile(ctx context.Context, name string) error {
	buf, err := fs.ReadFile(db.dialect.Migrations, name)
	if err != nil {
		return err
	}
	if bytes.HasPrefix(buf, []byte(withoutForeignKeys)) {
		return db.migrateWithoutForeignKeys(ctx, name, buf)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	done := false
	var found string
	if err := queryEach(ctx, tx, `SELECT name FROM migration WHERE name = ?`, []any{name}, []any{&found},
		func() error { done = true; return nil }); err != nil || done {
		return err
	}
	// Run the script as it is, without placeholder rewriting.
	if _, err := tx.tx.ExecContext(ctx, string(buf)); err != nil {
		return db.dialect.formatError(err)
	}
	if _, err := tx.exec(ctx, `INSERT INTO migration (name, applied_at) VALUES (?, ?)`,
		name, tx.now.Format(time.RFC3339Nano)); err != nil {
		return err
	}
	return tx.Commit()
}

// withoutForeignKeys starts a migration that must run with foreign keys
// off: an SQLite migration that rebuilds a table other tables refer to,
// SQLite's way of changing a constraint.
const withoutForeignKeys = "-- virk: foreign_keys off\n"

// migrateWithoutForeignKeys runs such a migration on one connection with
// foreign keys off, refuses to commit it if PRAGMA foreign_key_check finds
// a dangling reference, and turns foreign keys on again before the
// connection goes back to the pool; a connection where that fails is
// discarded.
func (db *DB) migrateWithoutForeignKeys(ctx context.Context, name string, script []byte) (err error) {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return db.dialect.formatError(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return db.dialect.formatError(err)
	}
	defer func() {
		if _, e := conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON"); e != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn })
			if err == nil {
				err = db.dialect.formatError(e)
			}
		}
	}()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return db.dialect.formatError(err)
	}
	defer tx.Rollback()
	var found int
	switch err := tx.QueryRowContext(ctx, db.dialect.rebind(`SELECT count(*) FROM migration WHERE name = ?`), name).Scan(&found); {
	case err != nil:
		return db.dialect.formatError(err)
	case found > 0:
		return nil
	}
	if _, err := tx.ExecContext(ctx, string(script)); err != nil {
		return db.dialect.formatError(err)
	}
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return db.dialect.formatError(err)
	}
	dangling := rows.Next()
	var table string
	if dangling {
		var rowid sql.NullInt64
		var parent string
		var fkid int
		rows.Scan(&table, &rowid, &parent, &fkid)
	}
	rows.Close()
	if dangling {
		return fmt.Errorf("table %s refers to rows that are gone", table)
	}
	if _, err := tx.ExecContext(ctx, db.dialect.rebind(`INSERT INTO migration (name, applied_at) VALUES (?, ?)`),
		name, db.Now().UTC().Format(time.RFC3339Nano)); err != nil {
		return db.dialect.formatError(err)
	}
	return db.dialect.formatError(tx.Commit())
}
