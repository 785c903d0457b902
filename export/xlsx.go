package export

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes the observations as a workbook: the sheet "Data" in the
// tidy layout virk imports (numbers stored as numbers, shown with the
// indicator's decimals; Excel applies the reader's own separators), and the
// sheet "_indikatorer" with the catalogue entries, which an import skips
// because of the leading underscore.
func WriteXLSX(w io.Writer, d *Data) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Data"); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter("Data")
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 2, 28); err != nil {
		return err
	}
	header := []any{}
	for _, h := range []string{"indicator", "entity", "period", "value", "status", "source"} {
		header = append(header, excelize.Cell{StyleID: bold, Value: h})
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	styles := map[int]int{} // decimals → style
	decimals := map[string]int{}
	for _, ind := range d.Indicators {
		decimals[ind.ID] = ind.Unit.Decimals
	}
	for i, o := range d.Observations {
		var value any
		if o.Status.HasValue() {
			st, err := numberStyle(f, styles, decimals[o.IndicatorID])
			if err != nil {
				return err
			}
			value = excelize.Cell{StyleID: st, Value: o.Value}
		}
		status := o.Status.Symbol()
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, []any{o.IndicatorID, o.EntityID, o.Period.String(), value, status, o.Source}); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if err := writeCatalogueSheet(f, d, bold); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// numberStyle returns the style that shows a number with dec decimals and
// thousands grouped, made once per workbook and kept in styles.
func numberStyle(f *excelize.File, styles map[int]int, dec int) (int, error) {
	if s, ok := styles[dec]; ok {
		return s, nil
	}
	code := "#,##0"
	if dec > 0 {
		code += "." + strings.Repeat("0", dec)
	}
	s, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
	styles[dec] = s
	return s, err
}

func writeCatalogueSheet(f *excelize.File, d *Data, bold int) error {
	const sheet = "_indikatorer"
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	rows := [][]any{{"id", "navn", "name", "måleenhet", "desimaler", "retning", "kategori", "kilde", "formel"}}
	inds, _, _ := d.used()
	for _, ind := range inds {
		rows = append(rows, []any{ind.ID, ind.LabelNB, ind.LabelEN, ind.Unit.Name, ind.Unit.Decimals,
			int(ind.Direction), ind.Category, ind.Source, ind.Formula})
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	return f.SetCellStyle(sheet, "A1", "I1", bold)
}
