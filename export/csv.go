package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
)

// WriteCSV writes the observations as tidy CSV in the layout virk imports:
// indicator;entity;period;value;status;source, ';' separated with a decimal
// comma and a UTF-8 byte-order mark, so that a spreadsheet set to Norwegian
// opens it with numbers as numbers. Values keep every significant digit
// and negative numbers have an ASCII minus, which spreadsheets read.
func WriteCSV(w io.Writer, d *Data) error {
	cw, err := NewSheetCSV(w)
	if err != nil {
		return err
	}
	if err := cw.Write([]string{"indicator", "entity", "period", "value", "status", "source"}); err != nil {
		return err
	}
	for _, o := range d.Observations {
		value, status := "", o.Status.Symbol()
		if o.Status.HasValue() {
			value = strings.Replace(strconv.FormatFloat(o.Value, 'f', -1, 64), ".", ",", 1)
		}
		if o.Status == virk.StatusFinal {
			status = ""
		}
		if err := cw.Write([]string{o.IndicatorID, o.EntityID, o.Period.String(), value, status, o.Source}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// NewSheetCSV starts a CSV file for a spreadsheet set to Norwegian: a
// UTF-8 byte-order mark, then records separated by ';'.
func NewSheetCSV(w io.Writer) (*csv.Writer, error) {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	return cw, nil
}
