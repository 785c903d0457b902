package ingest

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// eachXLSXRow calls fn with the rows of the first sheet of a workbook
// whose name does not start with "_", as fields, with 1-based row
// numbers; numbers are read as stored. A damaged workbook is a fault, not a
// panic.
func eachXLSXRow(name string, data []byte, fn func(row int, fields [][]byte)) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = Errors{{File: name, Err: errorf(ErrSyntax, "arbeidsboken er skadet og kan ikke leses (%v)", p)}}
		}
	}()
	const limit = 1 << 30
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: limit,
		UnzipXMLSizeLimit: min(limit, excelize.StreamChunkSize)})
	if err != nil {
		return Errors{{File: name, Err: errorf(ErrSyntax, "filen er ikke en gyldig .xlsx-arbeidsbok (%v)", err)}}
	}
	defer f.Close()
	sheet := ""
	for _, s := range f.GetSheetList() {
		if !strings.HasPrefix(s, "_") {
			sheet = s
			break
		}
	}
	if sheet == "" {
		return Errors{{File: name, Err: errorf(ErrHeader, "arbeidsboken har ingen ark")}}
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return Errors{{File: name, Sheet: sheet, Err: errorf(ErrSyntax, "arket kan ikke leses (%v)", err)}}
	}
	defer rows.Close()
	var fields [][]byte
	for n := 1; rows.Next(); n++ {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return Errors{{File: name, Sheet: sheet, Cell: fmt.Sprintf("rad %d", n), Err: errorf(ErrSyntax, "raden kan ikke leses (%v)", err)}}
		}
		empty := true
		fields = fields[:0]
		for _, c := range cols {
			c = strings.TrimSpace(c)
			if c != "" {
				empty = false
			}
			fields = append(fields, []byte(c))
		}
		if !empty {
			fn(n, fields)
		}
	}
	return rows.Error()
}
