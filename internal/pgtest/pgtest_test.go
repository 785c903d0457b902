package pgtest_test

import (
	"context"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/virk-analyse/virk/internal/pgtest"
)

var server *pgtest.Server

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m, &server)) }

func TestServer_NewDatabase(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		url := server.NewDatabase(t)
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `CREATE TABLE t (x int); INSERT INTO t VALUES (1)`); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("OKFresh", func(t *testing.T) {
		a, b := server.NewDatabase(t), server.NewDatabase(t)
		if a == b {
			t.Fatalf("two databases share the URL %s", a)
		}
		conn, err := pgx.Connect(ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		var n int
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("new database has %d tables", n)
		}
	})
	t.Run("OKNilServerSkips", func(t *testing.T) {
		if os.Getenv("CI") == "true" {
			t.Skip("under CI=true a missing server fails the test instead")
		}
		ran := false
		t.Run("inner", func(t *testing.T) {
			var s *pgtest.Server
			s.NewDatabase(t)
			ran = true
		})
		if ran {
			t.Error("NewDatabase on a nil server did not stop the test")
		}
	})
}
