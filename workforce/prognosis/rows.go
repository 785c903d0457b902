package prognosis

import (
	"strconv"

	"github.com/virk-analyse/virk/nb"
)

// Row is one line of the result table: one area in one year.
type Row struct {
	Area            string // the area's name
	Year            int
	Needed          float64
	Remaining       float64
	Retirements     float64
	Turnover        float64
	RecruitmentNeed float64
	Recruitment     float64
}

// Columns returns the Norwegian column headings of Row, in field order.
func Columns() []string {
	return []string{
		"Område", "År", "Behov (årsverk)", "Gjenværende (årsverk)",
		"Pensjonering (årsverk)", "Turnover (årsverk)",
		"Rekrutteringsbehov (årsverk)", "Årets rekruttering (årsverk)",
	}
}

// Rows returns the result as table rows, area by area and year by year
// from the year after the base year, in the order of the model's areas.
func (r *Result) Rows() []Row {
	var rows []Row
	for _, a := range r.Areas {
		for _, y := range a.Years {
			rows = append(rows, Row{
				Area: a.Name, Year: y.Year, Needed: y.Needed, Remaining: y.Remaining,
				Retirements: y.Retirements, Turnover: y.Turnover,
				RecruitmentNeed: y.RecruitmentNeed, Recruitment: y.Recruitment,
			})
		}
	}
	return rows
}

// Cells formats the row for display, in the order of Columns: the year
// as it is and årsverk with one decimal, the Norwegian way ("1 422,3").
func (r Row) Cells() []string {
	cells := []string{r.Area, strconv.Itoa(r.Year)}
	for _, v := range []float64{r.Needed, r.Remaining, r.Retirements, r.Turnover, r.RecruitmentNeed, r.Recruitment} {
		cells = append(cells, nb.Number(v, 1))
	}
	return cells
}
