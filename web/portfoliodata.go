package web

import (
	"bufio"
	"net/http"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/export"
	"github.com/virk-analyse/virk/nb"
	"github.com/xuri/excelize/v2"
)

// projectColumns are the columns of the status table's downloads.
var projectColumns = []string{"id", "prosjekt", "type", "fase", "eier", "budsjett", "prognose", "prognoseperiode",
	"avvik", "avvik_pst", "forbruk", "planlagt_slutt", "forventet_slutt", "forsinkelse_mnd"}

// projectCell is one cell of a download: a text, or a number when ok.
type projectCell struct {
	text string
	num  float64
	ok   bool // a number
}

// projectTable returns the status table of every project as cells, in the
// order of the register. Amounts are mill. kr; a figure the project does
// not have is an empty cell.
func projectTable(c *portfolioCalc, cat *virk.Catalogue) [][]projectCell {
	txt := func(s string) projectCell { return projectCell{text: s} }
	num := func(v float64, ok bool) projectCell {
		if !ok {
			return projectCell{}
		}
		return projectCell{num: nb.Round(v, 4), ok: true}
	}
	date := func(d virk.Date) projectCell {
		if d.IsZero() {
			return projectCell{}
		}
		return txt(d.String())
	}
	var rows [][]projectCell
	for i, st := range c.res.Status {
		p := c.in.Projects[i]
		owner := ""
		if e := cat.Entity(p.ID); e != nil {
			owner = e.ParentID
		}
		period := ""
		if !st.ForecastPeriod.IsZero() {
			period = st.ForecastPeriod.String()
		}
		rows = append(rows, []projectCell{txt(p.ID), txt(c.name(p.ID)), txt(string(p.Kind)), txt(string(p.Phase)), txt(owner),
			num(st.Budget, st.HasBudget), num(st.Forecast, !st.ForecastPeriod.IsZero()), txt(period),
			num(st.Deviation, st.HasDeviation), num(st.DeviationPct, st.HasDeviationPct), num(st.Spent, !st.SpentPeriod.IsZero()),
			date(st.PlannedEnd), date(st.ExpectedEnd), num(float64(st.Delay), st.HasDelay)})
	}
	return rows
}

// projectDownload computes the portfolio for a download.
func (s *Server) projectDownload(w http.ResponseWriter, r *http.Request) ([][]projectCell, int, bool) {
	c, err := s.viewPortfolio(r)
	if err != nil {
		s.fail(w, r, err)
		return nil, 0, false
	}
	cat, err := s.catalogue(r)
	if err != nil {
		s.fail(w, r, err)
		return nil, 0, false
	}
	return projectTable(c, cat), c.res.Year, true
}

// handleProjectsCSV downloads the status table as CSV for a spreadsheet
// set to Norwegian, as the other downloads: a byte-order mark, ';' and a
// decimal comma.
func (s *Server) handleProjectsCSV(w http.ResponseWriter, r *http.Request) {
	rows, year, ok := s.projectDownload(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="prosjekter-`+strconv.Itoa(year)+`.csv"`)
	bw := bufio.NewWriter(w)
	cw, err := export.NewSheetCSV(bw)
	if err != nil {
		return
	}
	cw.Write(projectColumns)
	for _, row := range rows {
		rec := make([]string, len(row))
		for i, c := range row {
			rec[i] = c.text
			if c.ok {
				rec[i] = strings.Replace(strconv.FormatFloat(c.num, 'f', -1, 64), ".", ",", 1)
			}
		}
		cw.Write(rec)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		s.Logger.Error("download", "file", "prosjekter.csv", "err", err)
		return
	}
	bw.Flush()
}

// handleProjectsXLSX downloads the status table as a workbook, numbers
// stored as numbers.
func (s *Server) handleProjectsXLSX(w http.ResponseWriter, r *http.Request) {
	rows, year, ok := s.projectDownload(w, r)
	if !ok {
		return
	}
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Prosjekter"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		s.serverError(w, r, err)
		return
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	code := "#,##0.0"
	amount, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	header := make([]any, len(projectColumns))
	for i, h := range projectColumns {
		header[i] = h
	}
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		s.serverError(w, r, err)
		return
	}
	last, _ := excelize.CoordinatesToCellName(len(projectColumns), 1)
	if err := f.SetCellStyle(sheet, "A1", last, bold); err != nil {
		s.serverError(w, r, err)
		return
	}
	for i, row := range rows {
		vals := make([]any, len(row))
		for j, c := range row {
			switch {
			case c.ok:
				vals[j] = c.num
			case c.text != "":
				vals[j] = c.text
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if len(rows) > 0 {
		// The amounts, budget to spent (F–K); the forecast's period in H
		// is text, which a number format leaves alone.
		from, _ := excelize.CoordinatesToCellName(6, 2)
		to, _ := excelize.CoordinatesToCellName(11, len(rows)+1)
		if err := f.SetCellStyle(sheet, from, to, amount); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	f.SetColWidth(sheet, "B", "B", 40)
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="prosjekter-`+strconv.Itoa(year)+`.xlsx"`)
	if _, err := f.WriteTo(w); err != nil {
		s.Logger.Error("download", "file", "prosjekter.xlsx", "err", err)
	}
}
