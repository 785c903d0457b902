package report_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/demo"
	"github.com/virk-analyse/virk/ingest"
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
	files, err := demo.Files()
	if err != nil {
		tb.Fatal(err)
	}
	im := &ingest.Importer{Catalogue: ingest.NewCatalogue(nil, nil), JSONStat: ingest.JSONStat}
	for _, f := range files {
		if err := im.Add(filepath.Base(f.Name), f.Data); err != nil {
			tb.Fatalf("%s: %v", f.Name, err)
		}
	}
	cs, err := im.ChangeSet()
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := st.Apply(ctx, cs, virk.ApplyOptions{User: "test"}); err != nil {
		tb.Fatal(err)
	}
	return st
}
