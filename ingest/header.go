package ingest

import (
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
)

// Layout is how a table of observations is laid out.
type Layout int

// Layouts. The reader tells them apart by the header row.
const (
	// Tidy has one observation per row, in the columns indicator, entity,
	// period and value, and optionally status and source.
	Tidy Layout = iota + 1
	// Wide has one series per row: indicator and entity columns, then one
	// column per period, as analysts keep figures in a spreadsheet.
	Wide
)

// String returns the layout's name as used in messages.
func (l Layout) String() string {
	switch l {
	case Tidy:
		return "lang form"
	case Wide:
		return "bred form"
	}
	return "ukjent form"
}

// role is what a column holds.
type role int

const (
	roleNone role = iota
	roleIndicator
	roleEntity
	rolePeriod
	roleValue
	roleStatus
	roleSource
	roleNote  // free text, ignored in both layouts
	roleLabel // a series label, ignored in the wide layout only
)

// columnNames maps header names, lower-cased, to the roles. English and
// Norwegian names are equal.
var columnNames = map[string]role{
	"indicator": roleIndicator, "indikator": roleIndicator,
	"entity": roleEntity, "enhet": roleEntity,
	"period": rolePeriod, "periode": rolePeriod,
	"value": roleValue, "verdi": roleValue,
	"status": roleStatus,
	"source": roleSource, "kilde": roleSource,
	"note": roleNote, "merknad": roleNote,
	"label": roleLabel, "navn": roleLabel, "tekst": roleLabel, "unit": roleLabel,
}

// roleNames is the English name of each role that a header must or may
// have, for messages.
var roleNames = map[role]string{
	roleIndicator: "indicator", roleEntity: "entity", rolePeriod: "period",
	roleValue: "value", roleStatus: "status", roleSource: "source",
}

// headerName normalises a header cell: trimmed, lower case, without a stray
// byte-order mark that some programs leave in the first cell.
func headerName(s string) string {
	return strings.ToLower(trimSpace(strings.TrimPrefix(trimSpace(s), "\ufeff")))
}

// headerPeriod reads a header cell as a period for the wide layout.
func headerPeriod(s string) (virk.Period, bool) {
	s = trimSpace(s)
	if len(s) < 4 || s[0] < '0' || s[0] > '9' {
		return virk.Period{}, false
	}
	p, err := virk.ParsePeriod(s)
	if err != nil || p.Year > 9999 {
		return virk.Period{}, false
	}
	return p, true
}

// knownColumns counts the header cells that name a column or a period; the
// CSV reader picks the delimiter that gives the most.
func knownColumns(fields []string) int {
	n := 0
	for _, f := range fields {
		if _, ok := columnNames[headerName(f)]; ok {
			n++
		} else if _, ok := headerPeriod(f); ok {
			n++
		}
	}
	return n
}

// header reads the header row, decides the layout and returns the faults,
// each with the index of the column at fault (-1 for the row).
func (t *table) header(fields []string) []colError {
	t.width, t.unnamed = 0, t.unnamed[:0]
	t.cols = [roleLabel + 1]int{}
	for i := range t.cols {
		t.cols[i] = -1
	}
	t.periods, t.labels, t.layout = t.periods[:0], t.labels[:0], 0
	var errs []colError
	var unknown []int
	seenPeriod := map[virk.Period]int{}
	for i, f := range fields {
		name := headerName(f)
		if name == "" {
			t.unnamed = append(t.unnamed, i)
			continue
		}
		t.width = i + 1
		if r, ok := columnNames[name]; ok {
			if r == roleNote || r == roleLabel {
				if r == roleLabel {
					t.labels = append(t.labels, i)
				}
				continue
			}
			if j := t.cols[r]; j >= 0 {
				errs = append(errs, colError{i, errorf(ErrHeader,
					"kolonnen %s står to ganger (kolonne %d og %d)", quote(trimSpace(f)), j+1, i+1)})
				continue
			}
			t.cols[r] = i
			continue
		}
		if p, ok := headerPeriod(f); ok {
			if j, dup := seenPeriod[p]; dup {
				errs = append(errs, colError{i, errorf(ErrHeader,
					"perioden %s står to ganger (kolonne %d og %d)", p, j+1, i+1)})
				continue
			}
			seenPeriod[p] = i
			t.periods = append(t.periods, periodCol{i, p})
			continue
		}
		unknown = append(unknown, i)
	}
	switch {
	case t.cols[roleValue] >= 0 || t.cols[rolePeriod] >= 0:
		t.layout = Tidy
		for _, pc := range t.periods {
			unknown = append(unknown, pc.col)
		}
		unknown = append(unknown, t.labels...)
		t.periods, t.labels = t.periods[:0], t.labels[:0]
		errs = t.unknownColumns(errs, fields, unknown,
			"indicator, entity, period, value, status, source eller note")
		errs = t.missingColumns(errs, roleIndicator, roleEntity, rolePeriod, roleValue)
	case len(t.periods) > 0:
		t.layout = Wide
		if i := t.cols[roleStatus]; i >= 0 {
			unknown = append(unknown, i)
		}
		errs = t.unknownColumns(errs, fields, unknown,
			"indicator, entity, source, perioder som 2018 eller 2018K1, og label, navn, tekst, unit eller note")
		errs = t.missingColumns(errs, roleIndicator, roleEntity)
	default:
		var names []string
		for _, f := range fields {
			if f = trimSpace(f); f != "" {
				names = append(names, quote(f))
			}
		}
		found := "en tom rad"
		if len(names) > 0 {
			found = strings.Join(names, ", ")
		}
		errs = append(errs, colError{-1, errorf(ErrHeader,
			"fant ikke overskriftsraden: forventet kolonnene indicator, entity, period og value, "+
				"eller perioder (2018, 2019 …) som kolonner; fant %s", found)})
	}
	return errs
}

// unknownColumns adds one error naming every column the layout does not
// know, placed at the first of them.
func (t *table) unknownColumns(errs []colError, fields []string, cols []int, expected string) []colError {
	if len(cols) == 0 {
		return errs
	}
	first := cols[0]
	names := make([]string, len(cols))
	for k, i := range cols {
		names[k] = quote(trimSpace(fields[i]))
		first = min(first, i)
	}
	what := "ukjent kolonne"
	if len(cols) > 1 {
		what = "ukjente kolonner"
	}
	return append(errs, colError{first, errorf(ErrHeader, "%s %s i %s (forventet %s)",
		what, strings.Join(names, ", "), t.layout, expected)})
}

// missingColumns adds an error for required columns that the header lacks;
// indicator and entity may be left out when the reader has a default.
func (t *table) missingColumns(errs []colError, roles ...role) []colError {
	var names []string
	for _, r := range roles {
		switch {
		case t.cols[r] >= 0:
		case r == roleIndicator && t.defInd != "":
		case r == roleEntity && t.defEnt != "":
		default:
			names = append(names, "«"+roleNames[r]+"»")
		}
	}
	switch len(names) {
	case 0:
		return errs
	case 1:
		return append(errs, colError{-1, errorf(ErrHeader, "mangler kolonnen %s (%s)", names[0], t.layout)})
	}
	return append(errs, colError{-1, errorf(ErrHeader, "mangler kolonnene %s (%s)",
		strings.Join(names, ", "), t.layout)})
}

// colName is the spreadsheet name of a 1-based column: 1 → A, 28 → AB.
func colName(n int) string {
	if n < 1 {
		return "A"
	}
	var b []byte
	for n > 0 {
		n--
		b = append(b, byte('A'+n%26))
		n /= 26
	}
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// cellName is the spreadsheet reference of a 1-based column and row.
func cellName(col, row int) string { return colName(col) + strconv.Itoa(row) }
