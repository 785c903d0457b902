package sqlstore

import (
	"context"
	"strings"

	"github.com/virk-analyse/virk"
)

// where builds a WHERE clause from filter fields. Values are always bound
// as arguments, never written into the SQL.
type where struct {
	conds []string
	args  []any
}

// add appends a condition and its arguments.
func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// in appends "col IN (…)" for a non-empty list; an empty list does not
// filter.
func (w *where) in(col string, values []string) {
	if len(values) == 0 {
		return
	}
	w.conds = append(w.conds, col+" IN ("+placeholders(len(values))+")")
	for _, v := range values {
		w.args = append(w.args, v)
	}
}

// String returns the clause with a leading " WHERE ", or "".
func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// placeholders returns n comma-separated "?".
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// Periods are stored as one integer, year*1000 + rank*100 + n, where rank
// is 0 for years, 1 for half-years, 2 for quarters, 3 for months and 4 for
// ISO weeks: 2018 → 2018000, 2018H1 → 2018101, 2018Q3 → 2018203,
// 2018M07 → 2018307, 2018W05 → 2018405.
// Integer order is the canonical order of virk.Period.Before, so period
// ranges are plain BETWEEN filters on the primary key, and the code stays
// readable in SQL.
const (
	periodYear = 1000
	periodRank = 100
)

// periodCode returns the stored form of a valid period.
func periodCode(p virk.Period) int64 {
	rank := 0
	switch p.Freq {
	case virk.HalfYear:
		rank = 1
	case virk.Quarterly:
		rank = 2
	case virk.Monthly:
		rank = 3
	case virk.Weekly:
		rank = 4
	}
	return int64(p.Year)*periodYear + int64(rank)*periodRank + int64(p.N)
}

// periodFromCode is the inverse of periodCode.
func periodFromCode(c int64) virk.Period {
	freqs := [...]virk.Freq{virk.Annual, virk.HalfYear, virk.Quarterly, virk.Monthly, virk.Weekly}
	rank := (c % periodYear) / periodRank
	if rank < 0 || rank >= int64(len(freqs)) {
		return virk.Period{}
	}
	return virk.Period{Year: int(c / periodYear), Freq: freqs[rank], N: int(c % periodRank)}
}

// validPeriod reports whether p is a period that periodCode can store.
func validPeriod(p virk.Period) bool {
	if p.Year < 1000 || p.Year > 9999 {
		return false
	}
	return p.Valid()
}

// statusIndex numbers the valid statuses from 0, and returns -1 for any
// other value; statusOf is its inverse. Observation rows in flight hold the
// number instead of the string.
func statusIndex(s virk.Status) int {
	switch s {
	case virk.StatusFinal:
		return 0
	case virk.StatusPreliminary:
		return 1
	case virk.StatusSuppressed:
		return 2
	case virk.StatusNotApplicable:
		return 3
	case virk.StatusMissing:
		return 4
	}
	return -1
}

// statusOf returns the status numbered i by statusIndex.
func statusOf(i uint8) virk.Status {
	switch i {
	case 0:
		return virk.StatusFinal
	case 1:
		return virk.StatusPreliminary
	case 2:
		return virk.StatusSuppressed
	case 3:
		return virk.StatusNotApplicable
	}
	return virk.StatusMissing
}

// nullString maps "" to NULL.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// queryEach runs a query and, for each row, scans it into dest and calls
// fn, which reads the values from where dest points.
func queryEach(ctx context.Context, q queryer, query string, args []any, dest []any, fn func() error) error {
	rows, err := q.query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		if err := fn(); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return rows.Close()
}

// eachChunk calls fn with the keys in slices of at most diffChunk, the
// size of IN lists that stays under every dialect's parameter limit.
func eachChunk(keys []int64, fn func(part []int64) error) error {
	for len(keys) > 0 {
		n := min(len(keys), diffChunk)
		if err := fn(keys[:n]); err != nil {
			return err
		}
		keys = keys[n:]
	}
	return nil
}
