package web

import (
	"html/template"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

// sparkline draws a row's values as a small line; the numbers are in the
// same table row, so it is hidden from screen readers.
func sparkline(row *kpi.Row) template.HTML { return "" }

// indicatorChart draws the rows of one indicator as a line chart with the
// target and series breaks, and the table of its figures.
func indicatorChart(lang string, ind *virk.Indicator, rows []*kpi.Row) (chart, table template.HTML) {
	return "", ""
}

// unitChart draws a summed indicator's children as grouped bars by
// period, and the table of its figures.
func unitChart(lang string, ind *virk.Indicator, rows []*kpi.Row) (chart, table template.HTML) {
	return "", ""
}
