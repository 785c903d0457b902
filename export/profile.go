package export

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk/nb"
	"github.com/virk-analyse/virk/peer"
	"github.com/xuri/excelize/v2"
)

// profileHeader names the columns of a service profile written as a
// spreadsheet: one line per indicator and year, the earlier years first.
// The entities compared beside the municipality follow, a column each
// named by entity ID, filled in the profile's year.
var profileHeader = []string{"indikator", "indikatornavn", "enhet", "gruppe", "år", "verdi", "snitt", "vektet_snitt",
	"lavest", "lavest_enhet", "høyest", "høyest_enhet", "rang", "antall", "referanse", "indeks", "publisert"}

// profileColumns returns the header of p's lines.
func profileColumns(p *peer.Profile) []string {
	cols := slices.Clone(profileHeader)
	if len(p.Rows) > 0 {
		for _, c := range p.Rows[0].Compare {
			cols = append(cols, c.Entity)
		}
	}
	return cols
}

// profileLines returns a profile's lines: for each indicator its earlier
// years and then the profile's year. Numbers are float64 or nil.
func profileLines(p *peer.Profile) (lines [][]any, decimals []int) {
	num := func(v *float64) any {
		if v == nil {
			return nil
		}
		return *v
	}
	for _, r := range p.Rows {
		for i, s := range append(append([]peer.Stats{}, r.History...), r.Stats) {
			var lo, loE, hi, hiE, rank any
			if s.Min != nil {
				lo, loE = s.Min.Value, s.Min.Entity
			}
			if s.Max != nil {
				hi, hiE = s.Max.Value, s.Max.Entity
			}
			if s.Rank > 0 {
				rank = s.Rank
			}
			line := []any{r.Indicator, r.Label, p.Entity, p.Group, s.Year, num(s.Value), num(s.Mean),
				num(s.Weighted), lo, loE, hi, hiE, rank, s.N, num(s.Reference), num(s.Index), s.Published}
			for _, c := range r.Compare {
				if i == len(r.History) {
					line = append(line, num(c.Value))
				} else {
					line = append(line, nil)
				}
			}
			lines = append(lines, line)
			decimals = append(decimals, r.Decimals)
		}
	}
	return lines, decimals
}

// WriteProfileCSV writes a service profile for a spreadsheet set to
// Norwegian, as WriteCSV writes observations: ';' separated, decimal
// comma, UTF-8 with a byte-order mark; one line per indicator and year.
func WriteProfileCSV(w io.Writer, p *peer.Profile) error {
	cw, err := NewSheetCSV(w)
	if err != nil {
		return err
	}
	cw.Write(profileColumns(p))
	lines, _ := profileLines(p)
	for _, l := range lines {
		rec := make([]string, len(l))
		for i, v := range l {
			switch v := v.(type) {
			case nil:
			case float64:
				rec[i] = Number(v)
			case int:
				rec[i] = strconv.Itoa(v)
			case bool:
				rec[i] = strconv.FormatBool(v)
			default:
				rec[i] = fmt.Sprint(v)
			}
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// WriteProfileXLSX writes a service profile as a workbook: the sheet
// "Tjenesteprofil" with the lines of WriteProfileCSV, numbers stored as
// numbers and shown with the indicator's decimals, and the sheet
// "Merknader" with the members and the profile's notes.
func WriteProfileXLSX(w io.Writer, p *peer.Profile) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Tjenesteprofil"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(2, 2, 40); err != nil {
		return err
	}
	cols := profileColumns(p)
	header := make([]any, len(cols))
	for i, h := range cols {
		header[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	styles := map[int]int{}
	lines, decimals := profileLines(p)
	for i, l := range lines {
		for j, v := range l {
			if x, ok := v.(float64); ok {
				dec := decimals[i]
				if cols[j] == "indeks" {
					dec = 1
				}
				st, err := numberStyle(f, styles, dec)
				if err != nil {
					return err
				}
				l[j] = excelize.Cell{StyleID: st, Value: x}
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, l); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	notes := []string{fmt.Sprintf("Tjenesteprofil %d: %s mot %s.", p.Year, p.EntityName, p.GroupName)}
	var names []string
	for _, m := range p.Members {
		names = append(names, m.Name)
	}
	notes = append(notes, fmt.Sprintf("Medlemmer %d: %s.", p.Year, strings.Join(names, ", ")),
		"Indeks: kommunen mot snittet av de andre medlemmene (= 100), vektet der indikatoren er en brøk.")
	if len(p.Missing) > 0 {
		notes = append(notes, "Ikke i katalogen: kommunenummer "+strings.Join(p.Missing, ", ")+".")
	}
	notes = append(notes, p.Notes...)
	if _, err := f.NewSheet("Merknader"); err != nil {
		return err
	}
	for i, n := range notes {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetCellStr("Merknader", cell, n); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// Number writes a number for spreadsheets set to Norwegian: decimal
// comma, ASCII minus, no grouping, and six decimals at most, so that
// Excel and LibreOffice read it as a number and nothing stored is lost.
func Number(v float64) string {
	return strings.Replace(strconv.FormatFloat(nb.Round(v, 6), 'f', -1, 64), ".", ",", 1)
}
