package chart

import (
	"bytes"
	"math"
	"strconv"
	"strings"
)

// writer writes SVG markup, one element a line, escaping every text and
// attribute value.
type writer struct{ b *bytes.Buffer }

// f formats a coordinate with at most two decimals, never "-0".
func f(v float64) string {
	if !finite(v) {
		return "0" // unreachable with validated input; keeps the markup valid
	}
	r := math.Round(v*100) / 100
	if r == 0 {
		r = 0
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// escaper escapes text and double-quoted attribute values (every
// attribute here is double-quoted, so "'" may stay).
var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;")

// escape escapes s for XML or HTML text and attributes. clean has already
// removed what XML cannot hold.
func escape(s string) string {
	if !strings.ContainsAny(s, `&<>"`) {
		return s
	}
	return escaper.Replace(s)
}

// tag writes "<name a="v" …" for the attribute pairs.
func (w writer) tag(name string, attrs []string) {
	w.b.WriteByte('<')
	w.b.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] == "" && attrs[i] != "d" {
			continue // an empty optional attribute is left out
		}
		w.b.WriteByte(' ')
		w.b.WriteString(attrs[i])
		w.b.WriteString(`="`)
		w.b.WriteString(escape(attrs[i+1]))
		w.b.WriteByte('"')
	}
}

// open writes a start tag.
func (w writer) open(name string, attrs ...string) {
	w.tag(name, attrs)
	w.b.WriteString(">\n")
}

// close writes an end tag.
func (w writer) close(name string) {
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteString(">\n")
}

// void writes an empty element.
func (w writer) void(name string, attrs ...string) {
	w.tag(name, attrs)
	w.b.WriteString("/>\n")
}

// elem writes an element holding text.
func (w writer) elem(name, text string, attrs ...string) {
	w.tag(name, attrs)
	w.b.WriteByte('>')
	w.b.WriteString(escape(text))
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteString(">\n")
}

// text writes a <text> at x, y.
func (w writer) text(x, y float64, s string, attrs ...string) {
	w.elem("text", s, append([]string{"x", f(x), "y", f(y)}, attrs...)...)
}

// lines writes a <text> of several lines, each a <tspan> starting at x,
// the first with its baseline at y.
func (w writer) lines(x, y float64, lines []string, attrs ...string) {
	if len(lines) == 0 || lines[0] == "" {
		return // an empty label: nothing to draw
	}
	if len(lines) == 1 {
		w.text(x, y, lines[0], attrs...)
		return
	}
	w.tag("text", append([]string{"x", f(x), "y", f(y)}, attrs...))
	w.b.WriteByte('>')
	for i, l := range lines {
		dy := "0"
		if i > 0 {
			dy = f(lineHeight)
		}
		w.elem("tspan", l, "x", f(x), "dy", dy)
	}
	w.close("text")
}

// line writes a straight <line>.
func (w writer) line(x1, y1, x2, y2 float64, attrs ...string) {
	w.void("line", append([]string{"x1", f(x1), "y1", f(y1), "x2", f(x2), "y2", f(y2)}, attrs...)...)
}

// halo gives text over the plot a white outline, so lines crossing it do
// not hide it.
var halo = []string{"stroke", "#fff", "stroke-width", "3", "stroke-linejoin", "round", "paint-order", "stroke"}

// withHalo appends the halo attributes to attrs.
func withHalo(attrs ...string) []string { return append(attrs, halo...) }

// openRoot writes the <svg> start tag with its accessible name and
// description, or hidden from assistive technology when decorative.
func (s *spec) openRoot(w writer) {
	attrs := []string{
		"xmlns", "http://www.w3.org/2000/svg",
		"id", s.id,
		"class", "chart chart-" + s.kind.String(),
		"width", strconv.Itoa(s.w),
		"height", strconv.Itoa(s.h),
		"viewBox", "0 0 " + strconv.Itoa(s.w) + " " + strconv.Itoa(s.h),
		"font-family", fontFamily,
		"font-size", strconv.Itoa(fontSize),
		"fill", colorText,
		"focusable", "false",
	}
	if s.decorative {
		w.open("svg", append(attrs, "aria-hidden", "true")...)
		return
	}
	w.open("svg", append(attrs, "role", "img", "aria-labelledby", s.id+"-title "+s.id+"-desc")...)
	w.elem("title", s.title, "id", s.id+"-title")
	w.elem("desc", s.desc, "id", s.id+"-desc")
}

// render writes the whole chart.
func (s *spec) render(b *bytes.Buffer) error {
	switch s.kind {
	case Line:
		return s.renderLine(b)
	case Bar, GroupedBar:
		return s.renderBars(b)
	case PeerIndex:
		return s.renderPeer(b)
	case Sparkline:
		s.renderSpark(writer{b})
		return nil
	case Scatter:
		return s.renderScatter(b)
	case Heatmap:
		return s.renderHeatmap(b)
	}
	return invalid("unknown kind %d", int(s.kind))
}
