package sqlstore

import (
	"context"
	"database/sql"
	"strings"
)

// maxRowsPerInsert caps the rows of one multi-row INSERT. Past a few
// hundred rows a longer statement no longer pays: parsing it costs more
// than the round trips it saves.
const maxRowsPerInsert = 500

// bulkWriter writes rows with multi-row INSERT statements. The statement
// for a full set of rows is prepared once and reused; the remainder gets
// a statement of its own.
type bulkWriter struct {
	tx      *Tx
	head    string // INSERT INTO table (columns) VALUES
	tail    string // ON CONFLICT …, or ""
	ncol    int
	perStmt int
	stmt    *sql.Stmt
	args    []any
}

// newBulkWriter returns a writer of rows of cols into table; tail follows
// the VALUES list, e.g. an ON CONFLICT clause.
func newBulkWriter(tx *Tx, table string, cols []string, tail string) *bulkWriter {
	per := max(1, min(maxRowsPerInsert, tx.db.dialect.MaxParams/len(cols)))
	return &bulkWriter{
		tx:      tx,
		head:    "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ",
		tail:    tail,
		ncol:    len(cols),
		perStmt: per,
		args:    make([]any, 0, per*len(cols)),
	}
}

// add queues one row, and writes the queue when it is full.
func (b *bulkWriter) add(ctx context.Context, row ...any) error {
	b.args = append(b.args, row...)
	if len(b.args) < b.perStmt*b.ncol {
		return nil
	}
	if b.stmt == nil {
		stmt, err := b.tx.tx.PrepareContext(ctx, b.sql(b.perStmt))
		if err != nil {
			return b.tx.db.dialect.formatError(err)
		}
		b.stmt = stmt
	}
	_, err := b.stmt.ExecContext(ctx, b.args...)
	b.args = b.args[:0]
	return b.tx.db.dialect.formatError(err)
}

// close writes the rows still queued and releases the statement.
func (b *bulkWriter) close(ctx context.Context) error {
	if b.stmt != nil {
		defer b.stmt.Close()
	}
	if len(b.args) == 0 {
		return nil
	}
	_, err := b.tx.tx.ExecContext(ctx, b.sql(len(b.args)/b.ncol), b.args...)
	b.args = b.args[:0]
	return b.tx.db.dialect.formatError(err)
}

// sql returns the statement for n rows.
func (b *bulkWriter) sql(n int) string {
	row := "(" + placeholders(b.ncol) + ")"
	return b.tx.db.dialect.rebind(b.head + strings.Repeat(row+", ", n-1) + row + b.tail)
}

// rowSource is a CopySource over rows produced on demand.
type rowSource struct {
	n   int                          // number of rows
	i   int                          // rows consumed
	row func(i int, dst []any) []any // appends the values of row i to dst
	buf []any
}

// Next implements CopySource.
func (s *rowSource) Next() bool {
	s.i++
	return s.i <= s.n
}

// Values implements CopySource. The slice is reused by the next call.
func (s *rowSource) Values() ([]any, error) {
	s.buf = s.row(s.i-1, s.buf[:0])
	return s.buf, nil
}

// Err implements CopySource.
func (s *rowSource) Err() error { return nil }

// insertRows stores new rows in table, with the dialect's bulk loader if
// it has one and multi-row INSERT statements otherwise.
func (tx *Tx) insertRows(ctx context.Context, table string, cols []string, src *rowSource) error {
	if cp := tx.db.dialect.Copy; cp != nil {
		_, err := cp(ctx, tx.conn, table, cols, src)
		return tx.db.dialect.formatError(err)
	}
	w := newBulkWriter(tx, table, cols, "")
	for src.Next() {
		vals, _ := src.Values()
		if err := w.add(ctx, vals...); err != nil {
			return err
		}
	}
	return w.close(ctx)
}
