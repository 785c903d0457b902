package report

import (
	"html"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
	"github.com/virk-analyse/virk/nb"
)

// Table is a table of the report as data: what the HTML shows and the
// XLSX export writes, with numbers kept as numbers.
type Table struct {
	// ID is the table's element id, "tabell-3", unique in the document.
	ID string
	// Number counts the tables of the document from 1.
	Number int
	// Caption is the table's title.
	Caption string
	// Chapter is the ID of the chapter the table is in.
	Chapter string
	// File and Line are where the block that made the table is.
	File string
	Line int
	// Head holds the header rows, Body the data rows.
	Head, Body []Row
	// Notes are printed under the table: series breaks, footnotes.
	Notes []string
}

// Row is one row of a table.
type Row struct {
	Cells []Cell
	// Class marks special rows: "group" (a heading row over the rows
	// below), "sum", "change" (annual changes of the row above) or
	// "indent" (a part of the row above, «herav»).
	Class string
}

// Cell is one cell. A numeric cell has Value set; Text is always what the
// reader sees.
type Cell struct {
	Text string
	// Value is the number shown, unrounded; nil for text and missing
	// values.
	Value *float64
	// Decimals is how many decimals Text shows of Value.
	Decimals int
	// Percent means Value is in percent and Text ends in " %".
	Percent bool
	// Header makes the cell a <th>, with Scope "col", "row", "colgroup"
	// or "rowgroup".
	Header bool
	Scope  string
	// Span is the number of columns the cell spans (0 or 1: one), RowSpan
	// the number of rows.
	Span, RowSpan int
	// Class is a CSS class: "good", "bad", "flat" for judged trends.
	Class string
	// Label, when set, is read by screen readers instead of Text, which
	// is then a symbol such as "↓".
	Label string
}

func numCell(v float64, decimals int, percent bool) Cell {
	return Cell{Text: formatNumber(v, decimals, percent), Value: &v, Decimals: decimals, Percent: percent}
}

// missingCell is a value that is not there: «–», read as «mangler».
func missingCell() Cell { return Cell{Text: "–", Label: "mangler"} }

func emptyCell() Cell { return Cell{} }

func headCell(text string) Cell { return Cell{Text: text, Header: true, Scope: "col"} }

func rowHead(text string) Cell { return Cell{Text: text, Header: true, Scope: "row"} }

// valueCell is the value of s in period p, formatted for ind. A value
// withheld by disclosure control shows SSB's «:».
func valueCell(s kpi.Series, p virk.Period, ind *virk.Indicator) Cell {
	pt, ok := s.At(p)
	switch {
	case ok && pt.Status == virk.StatusSuppressed:
		return suppressedCell()
	case !ok || !pt.HasValue():
		return missingCell()
	}
	return numCell(pt.Value, ind.Unit.Decimals, ind.Unit.IsPercent())
}

// suppressedLabel is how screen readers read «:».
const suppressedLabel = "skjult av personvernhensyn"

// suppressedCell is a value withheld by disclosure control: «:», SSB's
// mark, read as «skjult av personvernhensyn».
func suppressedCell() Cell { return Cell{Text: ":", Label: suppressedLabel} }

// formatNumber formats v the bokmål way with the given decimals, with
// " %" for percentages: "1 422,3", "7,3 %", "−238".
func formatNumber(v float64, decimals int, percent bool) string {
	if percent {
		return nb.Percent(v, decimals)
	}
	return nb.Number(v, decimals)
}

// columns returns the number of columns a row covers.
func (r Row) columns() int {
	n := 0
	for _, c := range r.Cells {
		n += max(c.Span, 1)
	}
	return n
}

// writeHTML writes the table: a <table> with <caption>, <thead> (which
// Chromium repeats on every printed page) and <th scope>, inside a region
// that scrolls sideways on narrow screens, followed by its notes; the
// table and its notes are kept on one printed page where they fit.
func (t *Table) writeHTML(b *strings.Builder) {
	capID := t.ID + "-tittel"
	b.WriteString(`<div class="table-block">`)
	b.WriteString(`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="` + capID + `">`)
	b.WriteString(`<table class="data" id="` + t.ID + `">`)
	b.WriteString(`<caption id="` + capID + `">` + html.EscapeString(t.Caption) + `</caption>`)
	if len(t.Head) > 0 {
		b.WriteString("<thead>")
		for _, r := range t.Head {
			writeRow(b, r)
		}
		b.WriteString("</thead>")
	}
	b.WriteString("<tbody>")
	for _, r := range t.Body {
		writeRow(b, r)
	}
	b.WriteString("</tbody></table></div>")
	writeNotes(b, t.Notes)
	b.WriteString("</div>")
}

func writeNotes(b *strings.Builder, notes []string) {
	if len(notes) == 0 {
		return
	}
	b.WriteString(`<ul class="notes">`)
	for _, n := range notes {
		b.WriteString("<li>" + html.EscapeString(n) + "</li>")
	}
	b.WriteString("</ul>")
}

func writeRow(b *strings.Builder, r Row) {
	if r.Class != "" {
		b.WriteString(`<tr class="` + r.Class + `">`)
	} else {
		b.WriteString("<tr>")
	}
	for _, c := range r.Cells {
		tag := "td"
		if c.Header {
			tag = "th"
		}
		b.WriteString("<" + tag)
		if c.Header && c.Scope != "" {
			b.WriteString(` scope="` + c.Scope + `"`)
		}
		if c.Span > 1 {
			b.WriteString(` colspan="` + strconv.Itoa(c.Span) + `"`)
		}
		if c.RowSpan > 1 {
			b.WriteString(` rowspan="` + strconv.Itoa(c.RowSpan) + `"`)
		}
		class := c.Class
		if c.Value != nil || c.Label == "mangler" || c.Label == suppressedLabel {
			class = strings.TrimSpace("num " + class)
		}
		if class != "" {
			b.WriteString(` class="` + class + `"`)
		}
		b.WriteString(">")
		if c.Label != "" {
			b.WriteString(`<span aria-hidden="true">` + html.EscapeString(c.Text) + `</span><span class="vh">` + html.EscapeString(c.Label) + `</span>`)
		} else {
			b.WriteString(html.EscapeString(c.Text))
		}
		b.WriteString("</" + tag + ">")
	}
	b.WriteString("</tr>")
}
