package ingest

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// XLSXReader reads observations from every sheet of an Excel workbook. Each
// sheet is a table in the tidy or the wide layout with its header in its
// first non-empty row; sheets whose name starts with "_" are skipped, so a
// workbook can keep notes and workings beside the data, and so are empty
// sheets.
//
// Numbers stored as numbers are read exactly as stored, whatever the cell's
// display format; numbers stored as text are read as ParseNumber describes.
// Faults are placed by sheet and cell, e.g. Ark1!C7.
type XLSXReader struct {
	// Decimal is the decimal separator of numbers stored as text; 0
	// decides per number (see ParseNumber).
	Decimal byte
	// DefaultIndicator and DefaultEntity stand in for the indicator and
	// entity columns when a sheet leaves them out.
	DefaultIndicator string
	DefaultEntity    string
	// Catalogue, when set, resolves the indicator and entity of each
	// record, and Read reports names it does not know.
	Catalogue *Catalogue
	// MaxSize is how large the workbook may be unpacked, in bytes; 0 means
	// 1 GiB. A workbook is a ZIP archive, and a small damaged or hostile
	// one may claim gigabytes that the XLSX library would allocate.
	MaxSize int64

	src     io.Reader
	started bool
	done    bool
	f       *excelize.File
	sheets  []string
	sheet   string
	rows    *excelize.Rows
	row     int  // the current row number
	header  bool // the sheet's header has been read
	fields  []string
	t       table
	errs    []*Error
	ei, ri  int
}

// NewXLSXReader returns a reader of the workbook in r.
func NewXLSXReader(r io.Reader) *XLSXReader { return &XLSXReader{src: r} }

// Close releases the workbook. Read closes it when it reaches the end; Close
// is for readers abandoned earlier.
func (r *XLSXReader) Close() error {
	r.done = true
	var err error
	if r.rows != nil {
		err = r.rows.Close()
		r.rows = nil
	}
	if r.f != nil {
		if cerr := r.f.Close(); err == nil {
			err = cerr
		}
		r.f = nil
	}
	return err
}

// Read returns the next record, going through the sheets in order. Faults
// come back as *Error, one per call, and reading goes on with the next
// call; a wrong header skips the rest of its sheet. After the last record
// Read returns io.EOF.
func (r *XLSXReader) Read() (rec Record, err error) {
	for {
		if r.ei < len(r.errs) {
			r.ei++
			return Record{}, r.errs[r.ei-1]
		}
		if r.ri < len(r.t.recs) {
			r.ri++
			return r.t.recs[r.ri-1], nil
		}
		if r.done {
			r.Close()
			return Record{}, io.EOF
		}
		r.safeNext()
	}
}

// safeNext is next, with a panic in the XLSX library turned into a fault:
// a damaged file must give a message, not bring the program down.
func (r *XLSXReader) safeNext() {
	defer func() {
		if p := recover(); p != nil {
			r.errs = append(r.errs[:0], &Error{Sheet: r.sheet, Err: errorf(ErrSyntax,
				"arbeidsboken er skadet og kan ikke leses (%v)", p)})
			r.ei, r.ri, r.t.recs = 0, 0, r.t.recs[:0]
			r.Close()
		}
	}()
	r.next()
}

// next reads the next row, opening the workbook and moving to the next
// sheet as needed.
func (r *XLSXReader) next() {
	r.errs, r.ei, r.ri, r.t.recs = r.errs[:0], 0, 0, r.t.recs[:0]
	if !r.started {
		r.started = true
		r.open()
		return
	}
	if r.rows == nil {
		if len(r.sheets) == 0 {
			r.done = true
			return
		}
		r.sheet, r.sheets = r.sheets[0], r.sheets[1:]
		rows, err := r.f.Rows(r.sheet)
		if err != nil {
			r.errs = append(r.errs, &Error{Sheet: r.sheet, Err: errorf(ErrSyntax, "kan ikke lese arket: %v", err)})
			return
		}
		r.rows, r.row, r.header = rows, 0, false
		return
	}
	if !r.rows.Next() {
		err := r.rows.Close()
		r.rows = nil
		if err != nil {
			r.errs = append(r.errs, &Error{Sheet: r.sheet, Err: errorf(ErrSyntax, "kan ikke lese arket: %v", err)})
		}
		return
	}
	r.row++
	fields, err := r.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		r.errs = append(r.errs, &Error{Sheet: r.sheet, Line: r.row, Cell: cellName(1, r.row),
			Err: errorf(ErrSyntax, "kan ikke lese raden: %v", err)})
		return
	}
	r.fields = fields
	if !r.header {
		if blank(fields) {
			return
		}
		r.header = true
		for _, ce := range r.t.header(fields) {
			r.errs = append(r.errs, r.place(ce))
		}
		if len(r.errs) > 0 {
			r.rows.Close()
			r.rows = nil
		}
		return
	}
	r.t.row(fields, false)
	for _, ce := range r.t.errs {
		r.errs = append(r.errs, r.place(ce))
	}
	for i := range r.t.recs {
		rec := &r.t.recs[i]
		rec.Sheet, rec.Line, rec.Column = r.sheet, r.row, r.t.recCols[i]+1
	}
}

// open opens the workbook and lists the sheets to read.
func (r *XLSXReader) open() {
	r.t.decimal, r.t.defInd, r.t.defEnt, r.t.cat = r.Decimal, r.DefaultIndicator, r.DefaultEntity, r.Catalogue
	limit := r.MaxSize
	if limit <= 0 {
		limit = 1 << 30
	}
	f, err := excelize.OpenReader(r.src, excelize.Options{UnzipSizeLimit: limit,
		UnzipXMLSizeLimit: min(limit, excelize.StreamChunkSize)})
	if err != nil {
		msg := "filen er ikke en gyldig .xlsx-arbeidsbok"
		switch {
		case strings.Contains(err.Error(), "password") || strings.Contains(err.Error(), "encrypt"):
			msg = "arbeidsboken er passordbeskyttet: lagre den uten passord"
		case strings.Contains(err.Error(), "unzip size"):
			size := fmt.Sprintf("%d MB", limit>>20)
			if limit < 1<<20 {
				size = fmt.Sprintf("%d byte", limit)
			}
			msg = "arbeidsboken er over " + size + " pakket ut: del den opp"
		}
		r.errs = append(r.errs, &Error{Err: errorf(ErrSyntax, "%s (%v)", msg, err)})
		r.done = true
		return
	}
	r.f = f
	for _, name := range f.GetSheetList() {
		if !strings.HasPrefix(name, "_") {
			r.sheets = append(r.sheets, name)
		}
	}
}

// place turns a fault in the current row into an *Error with its sheet and
// cell.
func (r *XLSXReader) place(ce colError) *Error {
	col := max(ce.col, 0) + 1
	return &Error{Sheet: r.sheet, Line: r.row, Column: col, Cell: cellName(col, r.row), Err: ce.err}
}
