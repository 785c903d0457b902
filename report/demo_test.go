package report_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/demo/load"
	"github.com/virk-analyse/virk/store/sqlite"
)

// mustOpenDemo returns a SQLite store in a temporary directory holding the
// demo dataset, imported the way «virk demo» does.
func mustOpenDemo(tb testing.TB) virk.Store {
	tb.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "virk.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	if _, err := load.Demo(ctx, st, "test"); err != nil {
		tb.Fatal(err)
	}
	return st
}
