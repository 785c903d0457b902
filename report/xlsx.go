package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes the report's tables as a workbook: a sheet «Innhold»
// listing the tables, then one sheet per table with its caption, header
// rows (merged where a header spans columns), rows and notes. Numbers are
// stored as numbers, unrounded, with a number format of the table's
// decimals; Excel shows them with the reader's own separators, so a
// Norwegian Excel shows "1 422,3" and "7,3 %". (Excel's format codes are
// written with "," and "." whatever the locale: "#,##0.0" is read as
// "# ##0,0" in bokmål.) Percentages are kept in percent, as in the data
// (7.3, not 0.073), with a literal " %".
func (doc *Document) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	x := &xlsxWriter{f: f, styles: map[string]int{}}
	const index = "Innhold"
	if err := f.SetSheetName("Sheet1", index); err != nil {
		return err
	}
	used := map[string]bool{strings.ToLower(index): true}
	names := make([]string, len(doc.Tables))
	for i, t := range doc.Tables {
		names[i] = sheetName(t, used)
	}
	if err := x.writeIndex(index, doc, names); err != nil {
		return err
	}
	for i, t := range doc.Tables {
		if _, err := f.NewSheet(names[i]); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
		if err := x.writeTable(names[i], t); err != nil {
			return fmt.Errorf("xlsx: tabell %d: %w", t.Number, err)
		}
	}
	_, err := f.WriteTo(w)
	return err
}

// sheetName makes a sheet name from the table's number and caption: at
// most 31 characters, none of : \ / ? * [ ], unique in the workbook.
func sheetName(t *Table, used map[string]bool) string {
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]'`, r) || r < ' ' {
			return ' '
		}
		return r
	}, t.Caption)
	base := strings.Join(strings.Fields(fmt.Sprintf("%d %s", t.Number, clean)), " ")
	name := truncateRunes(base, 31)
	for i := 2; used[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		name = truncateRunes(base, 31-utf8.RuneCountInString(suffix)) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}

func truncateRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return strings.TrimSpace(s[:j])
		}
		i++
	}
	return s
}

type xlsxWriter struct {
	f      *excelize.File
	styles map[string]int
}

// style returns a style for a cell: bold or not, header or not, and for
// numbers the format of its decimals and percent sign.
func (x *xlsxWriter) style(c Cell, bold bool) (int, error) {
	key := fmt.Sprintf("%t|%t|%d|%t|%t", bold, c.Header, c.Decimals, c.Percent, c.Value != nil)
	if s, ok := x.styles[key]; ok {
		return s, nil
	}
	st := &excelize.Style{Font: &excelize.Font{Bold: bold || c.Header}}
	if c.Header {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F3F5F8"}}
		st.Border = []excelize.Border{{Type: "bottom", Color: "1B1B1B", Style: 1}}
		st.Alignment = &excelize.Alignment{WrapText: true, Vertical: "bottom"}
	}
	if c.Value != nil {
		code := "#,##0"
		if c.Decimals > 0 {
			code += "." + strings.Repeat("0", c.Decimals)
		}
		if c.Percent {
			code += `" %"`
		}
		st.CustomNumFmt = &code
	}
	s, err := x.f.NewStyle(st)
	x.styles[key] = s
	return s, err
}

func (x *xlsxWriter) writeIndex(sheet string, doc *Document, names []string) error {
	bold, err := x.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	if err := x.f.SetCellValue(sheet, "A1", doc.Title); err != nil {
		return err
	}
	if err := x.f.SetCellStyle(sheet, "A1", "A1", bold); err != nil {
		return err
	}
	if doc.Subtitle != "" {
		if err := x.f.SetCellValue(sheet, "A2", doc.Subtitle); err != nil {
			return err
		}
	}
	head := []any{"Nr.", "Tabell", "Ark"}
	if err := x.f.SetSheetRow(sheet, "A4", &head); err != nil {
		return err
	}
	for i, t := range doc.Tables {
		cell, _ := excelize.CoordinatesToCellName(1, i+5)
		row := []any{t.Number, t.Caption, names[i]}
		if err := x.f.SetSheetRow(sheet, cell, &row); err != nil {
			return err
		}
		link, _ := excelize.CoordinatesToCellName(3, i+5)
		if err := x.f.SetCellHyperLink(sheet, link, "'"+names[i]+"'!A1", "Location"); err != nil {
			return err
		}
	}
	if err := x.f.SetColWidth(sheet, "B", "B", 70); err != nil {
		return err
	}
	return x.f.SetColWidth(sheet, "C", "C", 34)
}

func (x *xlsxWriter) writeTable(sheet string, t *Table) error {
	f := x.f
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}})
	if err != nil {
		return err
	}
	if err := f.SetCellValue(sheet, "A1", t.Caption); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", title); err != nil {
		return err
	}
	const first = 3 // the first table row, under the caption and a blank row
	taken := map[[2]int]bool{}
	width := 0
	put := func(rowIdx int, r Row) error {
		col := 1
		for _, c := range r.Cells {
			for taken[[2]int{rowIdx, col}] {
				col++
			}
			span, rspan := max(c.Span, 1), max(c.RowSpan, 1)
			for dr := 0; dr < rspan; dr++ {
				for dc := 0; dc < span; dc++ {
					taken[[2]int{rowIdx + dr, col + dc}] = true
				}
			}
			ref, _ := excelize.CoordinatesToCellName(col, rowIdx)
			var err error
			switch {
			case c.Value != nil:
				err = f.SetCellFloat(sheet, ref, *c.Value, -1, 64)
			case c.Text != "":
				err = f.SetCellStr(sheet, ref, c.Text)
			}
			if err != nil {
				return err
			}
			st, err := x.style(c, r.Class == "sum" || r.Class == "group")
			if err != nil {
				return err
			}
			end, _ := excelize.CoordinatesToCellName(col+span-1, rowIdx+rspan-1)
			if err := f.SetCellStyle(sheet, ref, end, st); err != nil {
				return err
			}
			if span > 1 || rspan > 1 {
				if err := f.MergeCell(sheet, ref, end); err != nil {
					return err
				}
			}
			col += span
			width = max(width, col-1)
		}
		return nil
	}
	row := first
	for _, r := range t.Head {
		if err := put(row, r); err != nil {
			return err
		}
		row++
	}
	for _, r := range t.Body {
		if err := put(row, r); err != nil {
			return err
		}
		row++
	}
	row++
	for _, n := range t.Notes {
		ref, _ := excelize.CoordinatesToCellName(1, row)
		if err := f.SetCellStr(sheet, ref, n); err != nil {
			return err
		}
		row++
	}
	if err := f.SetColWidth(sheet, "A", "A", 48); err != nil {
		return err
	}
	if width > 1 {
		last, _ := excelize.ColumnNumberToName(width)
		if err := f.SetColWidth(sheet, "B", last, 13); err != nil {
			return err
		}
	}
	if len(t.Head) > 0 {
		top, _ := excelize.CoordinatesToCellName(2, first+len(t.Head))
		return f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: first + len(t.Head) - 1, TopLeftCell: top, ActivePane: "bottomRight"})
	}
	return nil
}
