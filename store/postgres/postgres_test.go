package postgres_test

import (
	"context"
	"os"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/internal/pgtest"
	"github.com/virk-analyse/virk/store/postgres"
	"github.com/virk-analyse/virk/store/storetest"
)

// server runs for the whole package; each test gets its own database.
var server *pgtest.Server

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m, &server)) }

// MustOpenDB opens a store on a new, empty database and closes it when tb
// ends, before the database is dropped.
func MustOpenDB(tb testing.TB) *postgres.DB {
	tb.Helper()
	url := server.NewDatabase(tb)
	return storetest.MustOpen(tb, func(ctx context.Context) (*postgres.DB, error) { return postgres.Open(ctx, url) })
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) virk.Store { return MustOpenDB(t) })
}

func TestOpen(t *testing.T) {
	t.Run("OKReopen", func(t *testing.T) {
		url := server.NewDatabase(t)
		ctx := context.Background()
		for range 2 {
			db, err := postgres.Open(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			storetest.MustApply(t, db, storetest.Catalogue(), virk.ApplyOptions{})
			db.Close()
		}
	})
	t.Run("ErrUnreachable", func(t *testing.T) {
		_, err := postgres.Open(context.Background(), "postgres://nobody@127.0.0.1:1/none?connect_timeout=2")
		if err == nil {
			t.Fatal("Open succeeded without a server")
		}
	})
	t.Run("ErrBadURL", func(t *testing.T) {
		if _, err := postgres.Open(context.Background(), "postgres://%zz"); err == nil {
			t.Fatal("Open accepted a malformed URL")
		}
	})
}

func TestFormatError(t *testing.T) {
	storetest.RunFormatError(t, MustOpenDB(t).SQL(), postgres.FormatError)
}

// TestDB_ConcurrentImports runs the contract's two long imports on two
// stores opened on one database, as two servers would: the second waits
// for the advisory import lock, not for the first store's queue, and
// diffs against the rows the first committed.
func TestDB_ConcurrentImports(t *testing.T) {
	url := server.NewDatabase(t)
	open := func(ctx context.Context) (*postgres.DB, error) { return postgres.Open(ctx, url) }
	storetest.RunConcurrentImports(t, storetest.MustOpen(t, open), storetest.MustOpen(t, open))
}
