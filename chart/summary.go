package chart

import (
	"strconv"
	"strings"

	"github.com/virk-analyse/virk/nb"
)

// kindNouns name the kinds in the description.
var kindNouns = map[Kind]string{
	Line:       "Linjediagram",
	Bar:        "Stolpediagram",
	GroupedBar: "Gruppert stolpediagram",
	PeerIndex:  "Indeksdiagram",
	Sparkline:  "Linjediagram",
	Scatter:    "Punktdiagram",
	Heatmap:    "Varmekart",
}

// point is a value and where it is.
type point struct {
	v      float64
	cat    int
	series int
}

// summary describes the chart in bokmål for its <desc>: what it shows,
// its extremes or latest values, what is missing, breaks and target.
func (s *spec) summary() string {
	switch s.kind {
	case Scatter:
		return s.scatterSummary()
	case Heatmap:
		return s.heatSummary()
	}
	var out []string
	head := s.summaryHead()
	if s.timeLike() && len(s.cats) > 0 {
		head += " " + s.cats[0]
		if len(s.cats) > 1 {
			head += "–" + s.cats[len(s.cats)-1]
		}
	}
	out = append(out, head+".")
	switch {
	case s.kind == PeerIndex:
		out = append(out, s.peerSummary()...)
	case !s.anyValue():
		out = append(out, noDataLabel+".")
	case len(s.series) == 1:
		out = append(out, s.seriesSummary(0))
	case s.kind == Line:
		out = append(out, s.latestSummary()...)
	default:
		out = append(out, s.groupedSummary()...)
	}
	if s.kind != PeerIndex && s.anyValue() {
		if t := s.missingText(); t != "" {
			out = append(out, t)
		}
	}
	if t := s.breakText(); t != "" {
		out = append(out, t)
	}
	if s.target != nil {
		out = append(out, s.targetText()+".")
	}
	return strings.Join(out, " ")
}

// summaryHead starts the description with the kind and the title:
// "Linjediagram over sykefravær".
func (s *spec) summaryHead() string {
	head := kindNouns[s.kind]
	if t := strings.TrimRight(s.title, ". "); t != "" {
		head += " over " + lowerFirst(t)
	}
	return head
}

// timeLike reports whether the categories are periods, so that "first to
// last" and "latest" make sense.
func (s *spec) timeLike() bool {
	if s.kind == Line || s.kind == Sparkline {
		return true
	}
	return s.kind != PeerIndex && periodLike(s.cats)
}

// seriesSummary gives a single series' highest, lowest and (over time)
// latest value: "Høyeste verdi 7,6 % (2014), laveste verdi 7,2 % (2016),
// siste verdi 7,3 % (2018)."
func (s *spec) seriesSummary(i int) string {
	hi, lo, last, n := s.extremes(i)
	at := func(p point) string { return s.formatUnit(p.v) + " (" + s.cats[p.cat] + ")" }
	if n == 1 {
		return "Én verdi: " + at(last) + "."
	}
	t := "Høyeste verdi " + at(hi) + ", laveste verdi " + at(lo)
	if s.timeLike() {
		t += ", siste verdi " + at(last)
	}
	return t + "."
}

// latestSummary names the series of a line chart and their latest values.
func (s *spec) latestSummary() []string {
	names := make([]string, len(s.series))
	var latest []string
	for i, ser := range s.series {
		names[i] = ser.Name
		if _, _, last, n := s.extremes(i); n > 0 {
			latest = append(latest, ser.Name+" "+s.formatUnit(last.v)+" ("+s.cats[last.cat]+")")
		}
	}
	return []string{
		strconv.Itoa(len(s.series)) + " serier: " + listText(names) + ".",
		"Siste verdi: " + strings.Join(latest, ", ") + ".",
	}
}

// groupedSummary names the series of a grouped bar chart and the highest
// and lowest bar.
func (s *spec) groupedSummary() []string {
	names := make([]string, len(s.series))
	var hi, lo point
	first := true
	for i, ser := range s.series {
		names[i] = ser.Name
		h, l, _, n := s.extremes(i)
		if n == 0 {
			continue
		}
		if first || h.v > hi.v {
			hi = h
		}
		if first || l.v < lo.v {
			lo = l
		}
		first = false
	}
	at := func(p point) string {
		return s.formatUnit(p.v) + " (" + s.cats[p.cat] + ", " + s.series[p.series].Name + ")"
	}
	return []string{
		"Serier: " + listText(names) + ".",
		"Høyeste verdi " + at(hi) + ", laveste verdi " + at(lo) + ".",
	}
}

// peerSummary says, for each compared series, on how many indicators it
// is above the reference, and its highest and lowest index.
func (s *spec) peerSummary() []string {
	idx := s.peerIndexes()
	ref := s.series[len(s.series)-1].Name
	names := make([]string, len(idx))
	for e := range idx {
		names[e] = s.series[e].Name
	}
	out := []string{listText(names) + " sammenlignet med " + ref + ", der " + ref + " = 100."}
	if !anyFinite(idx) {
		return append(out, noDataLabel+".")
	}
	for e, row := range idx {
		above, n := 0, 0
		hi, lo := -1, -1
		for j, v := range row {
			if !finite(v) {
				continue
			}
			n++
			if v > 100 {
				above++
			}
			if hi < 0 || v > row[hi] {
				hi = j
			}
			if lo < 0 || v < row[lo] {
				lo = j
			}
		}
		if n == 0 {
			out = append(out, names[e]+": "+strings.ToLower(noDataLabel)+".")
			continue
		}
		t := names[e] + " ligger over snittet på " + strconv.Itoa(above) + " av " + strconv.Itoa(n) + " indikatorer"
		t += "; høyeste indeks " + nb.Number(row[hi], peerIndexDec) + " (" + s.cats[hi] + ")"
		t += ", laveste indeks " + nb.Number(row[lo], peerIndexDec) + " (" + s.cats[lo] + ")."
		out = append(out, t)
	}
	return out
}

// extremes returns series i's highest, lowest and last value (the first
// of equal ones) and how many values it has.
func (s *spec) extremes(i int) (hi, lo, last point, n int) {
	for j, v := range s.series[i].Values {
		if !finite(v) {
			continue
		}
		p := point{v: v, cat: j, series: i}
		if n == 0 || v > hi.v {
			hi = p
		}
		if n == 0 || v < lo.v {
			lo = p
		}
		last = p
		n++
	}
	return hi, lo, last, n
}

// missingText tells which values are missing: the categories for one
// series, a count for several.
func (s *spec) missingText() string {
	var cats []string
	n := 0
	for _, ser := range s.series {
		for j, v := range ser.Values {
			if !finite(v) {
				n++
				cats = append(cats, s.cats[j])
			}
		}
	}
	switch {
	case n == 0:
		return ""
	case len(s.series) == 1 && n <= 3:
		return "Verdi mangler for " + listText(cats) + "."
	case n == 1:
		return "Én verdi mangler."
	}
	return strconv.Itoa(n) + " verdier mangler."
}
