package chart

import (
	"bytes"
	"strings"

	"github.com/virk-analyse/virk/nb"
)

// table writes the chart's data as an HTML table: a row per category, a
// column per series, and for a peer index chart a column per index. The
// caption holds the title and what the chart draws besides the data:
// unit, target and series breaks. Number cells have class "num", so the
// page's style sheet can right-align them; there is no inline style, which
// a strict Content-Security-Policy would block.
func (s *spec) table(b *bytes.Buffer) {
	switch s.kind {
	case Scatter:
		s.scatterTable(b)
		return
	case Heatmap:
		s.heatTable(b)
		return
	}
	w := writer{b}
	s.openTable(w, s.tableNote())
	heads := []string{s.catTitle}
	for _, ser := range s.series {
		name := ser.Name
		if name == "" {
			name = defaultValueTitle
		}
		heads = append(heads, name)
	}
	var idx [][]float64
	if s.kind == PeerIndex {
		idx = s.peerIndexes()
		ref := s.series[len(s.series)-1].Name
		for e := range idx {
			heads = append(heads, "Indeks "+s.series[e].Name+" ("+ref+" = 100)")
		}
	}
	w.open("thead")
	w.open("tr")
	for _, h := range heads {
		w.elem("th", h, "scope", "col")
	}
	w.close("tr")
	w.close("thead")
	w.open("tbody")
	for j, c := range s.cats {
		w.open("tr")
		w.elem("th", c, "scope", "row")
		for _, ser := range s.series {
			w.elem("td", s.format(ser.Values[j]), "class", "num")
		}
		for _, row := range idx {
			w.elem("td", nb.Number(row[j], peerIndexDec), "class", "num")
		}
		w.close("tr")
	}
	w.close("tbody")
	w.close("table")
}

// openTable writes the <table> start tag and its caption: the title and
// the note.
func (s *spec) openTable(w writer, note string) {
	w.open("table", "class", "chart-table chart-table-"+s.kind.String(), "id", s.id+"-table")
	if s.title == "" && note == "" {
		return
	}
	w.b.WriteString("<caption>" + escape(s.title))
	if note != "" {
		if s.title != "" {
			w.b.WriteByte(' ')
		}
		w.b.WriteString(`<span class="chart-table-note">` + escape(note) + "</span>")
	}
	w.b.WriteString("</caption>\n")
}

// tableNote is what the caption says besides the title: "Enhet: kWh/m².
// Mål: 199,8 kWh/m². Tidsseriebrudd før 2016."
func (s *spec) tableNote() string {
	var parts []string
	if s.unit != "" {
		parts = append(parts, "Enhet: "+s.unit+".")
	}
	if s.target != nil {
		parts = append(parts, s.targetText()+".")
	}
	if t := s.breakText(); t != "" {
		parts = append(parts, t)
	}
	return strings.Join(parts, " ")
}

// breakText tells where series breaks are: "Tidsseriebrudd før 2016."
func (s *spec) breakText() string {
	if len(s.breaks) == 0 {
		return ""
	}
	cats := make([]string, len(s.breaks))
	for i, b := range s.breaks {
		cats[i] = s.cats[b]
	}
	return breakLabel + " før " + listText(cats) + "."
}

// listText joins items the Norwegian way: "A, B og C".
func listText(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " og " + items[len(items)-1]
}
