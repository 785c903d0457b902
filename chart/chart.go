// Package chart draws the charts of virk as static, inline SVG: line charts,
// vertical and grouped bars, peer index bars, sparklines, scatter plots
// (energy signatures) and heat maps (use by hour and day). The web pages
// and the PDF report (printed from the same HTML by headless Chromium) use
// the same markup, so the output has no script, no external font and no
// <style> element (an inline SVG's style sheet would apply to the whole
// page); every attribute is a presentation attribute.
//
// Output is deterministic: the same Chart gives byte-identical SVG, so
// pages and golden files can be compared. Coordinates are rounded to two
// decimals and element ids come from the caller or from a hash of the data.
//
// Every chart is meant to sit next to its data table (WriteTable), which
// holds the same numbers in an accessible HTML <table>. The SVG itself has
// role="img" and is named by its <title> and <desc>; series are told apart
// by dash pattern, marker shape or fill pattern as well as by colour.
//
// Geometry (scales, nice ticks, label layout) is pure and lives in
// scale.go and text.go; the SVG markup is written by the kind's renderer.
package chart

import (
	"bytes"
	"errors"
	"html/template"
	"io"
)

// Kind is the kind of chart.
type Kind int

// Kinds of chart. The zero Kind is not valid, so a Chart must say what it is.
const (
	// Line draws one line per series over the categories, with a gap
	// where a value is missing or a series break starts.
	Line Kind = iota + 1
	// Bar draws one vertical bar per category from a single series.
	Bar
	// GroupedBar draws, for each category, one vertical bar per series.
	GroupedBar
	// PeerIndex draws horizontal bars, one row per category (indicator),
	// of each series as an index of the last series, the reference: the
	// peer average is 100. A single compared series is the usual case
	// ("Bærum" against "Snitt ASSS").
	PeerIndex
	// Sparkline draws a single series as a small line without axes or
	// text, for scorecard tables.
	Sparkline
	// Scatter draws Points, such as each day's energy use (y) against its
	// mean outdoor temperature (x), and optionally a fitted line through
	// the vertices Fit over them: an energy signature. It takes no
	// Categories and no Series.
	Scatter
	// Heatmap draws Grid as cells coloured light to dark by value, a row
	// per hour of the day (Rows) and a column per day (Categories): the
	// pattern of use by hour and weekday. It takes no Series.
	Heatmap
)

// String returns the name of the kind, as used in CSS classes.
func (k Kind) String() string {
	switch k {
	case Line:
		return "line"
	case Bar:
		return "bar"
	case GroupedBar:
		return "grouped-bar"
	case PeerIndex:
		return "peer-index"
	case Sparkline:
		return "sparkline"
	case Scatter:
		return "scatter"
	case Heatmap:
		return "heatmap"
	}
	return "unknown"
}

// Series is one named row of values, one value per category. A NaN or an
// infinite value is missing: lines have a gap there and bars are left out.
type Series struct {
	Name   string
	Values []float64
}

// Point is a point of a Scatter chart, X across and Y up. A point with a
// NaN or infinite coordinate is missing and is not drawn.
type Point struct{ X, Y float64 }

// Target is a level to reach, drawn as a labelled horizontal line. The y
// range always includes it, however far it is from the data.
type Target struct {
	Value float64
	// Label is the text before the value, "Mål" when empty: "Mål: 7,0 %".
	Label string
}

// Chart is one chart and its data. The zero values of the optional fields
// give sensible defaults.
type Chart struct {
	Kind Kind
	// ID prefixes the ids of the SVG's elements; it must be unique on the
	// page. Empty derives one from a hash of the chart's content, which is
	// unique unless the same chart appears twice.
	ID string
	// Title names the chart; required unless Decorative. It is the
	// accessible name and the table caption; the SVG does not draw it, so
	// the page shows it as a heading or figure caption.
	Title string
	// Desc says in a sentence or two what the chart shows. Empty uses
	// Summary().
	Desc string
	// Categories label the x axis (years, months, units); for PeerIndex
	// they are the indicators, for Heatmap the columns (days: "1.10.").
	// Scatter takes none.
	Categories []string
	// CategoryTitle heads the category column of the table: "År",
	// "Enhet", "Indikator". Empty guesses from the categories.
	CategoryTitle string
	// Series are the data: one to eight series, named when more than one
	// (they are the legend). Bar and Sparkline take exactly one; PeerIndex
	// takes two to nine, the last being the reference. Scatter and
	// Heatmap take none: their data are Points and Grid.
	Series []Series
	// Unit is written above the value axis, after values in the
	// description, and in the table's caption: "kWh/m²", "årsverk". Unit
	// "%" is the same as Percent.
	Unit string
	// Decimals is the number of decimals of values in labels and the
	// table (0–10). Axis ticks use as many as their step needs.
	Decimals int
	// Percent formats values, already in percent, as "7,3 %".
	Percent bool
	// Target, if any, is drawn as a line; not allowed for PeerIndex,
	// whose reference is 100, nor for Scatter and Heatmap.
	Target *Target
	// Breaks are indexes of the categories where a series break
	// (tidsseriebrudd) starts: a dashed line is drawn before each, and
	// lines are not joined across it. Not allowed for PeerIndex, Scatter
	// and Heatmap.
	Breaks []int
	// ValueLabels writes each value next to its point or bar when there is
	// room. Sparklines, scatter plots and heat maps never have value
	// labels: they have too many values.
	ValueLabels bool

	// Points are a Scatter chart's measurements, a dot each, at most
	// 20 000; a point with a missing coordinate is left out. Without a
	// drawable point (and no Fit) the chart says "Ingen data".
	Points []Point
	// Fit is a Scatter chart's fitted line, drawn over the points through
	// its vertices in order: an energy signature's piecewise linear model
	// (the rise below the balance point, the flat base load above it)
	// takes three. Empty draws none; otherwise it needs two or more
	// vertices, all finite.
	Fit []Point
	// PointsName and FitName name the points and the fitted line in the
	// legend, the table and the description: "Målt døgn", "Tilpasset
	// modell". Empty gives "Målinger" and "Tilpasset modell".
	PointsName, FitName string
	// XTitle names a Scatter chart's x axis, without the unit:
	// "Døgnmiddeltemperatur". XUnit is the unit of x, written after the
	// title in parentheses and after x values in the description and the
	// table: "°C". XDecimals is the number of decimals of x values there
	// (0–10). The y axis's unit is Unit, as for the other kinds.
	XTitle, XUnit string
	XDecimals     int
	// Rows label a Heatmap's rows, the hours of the day: "00" … "23". The
	// description names them after "kl." and the table heads them "Time";
	// a grid of something else needs its own Desc.
	Rows []string
	// Grid holds a Heatmap's values, Grid[row][column]: as many rows as
	// Rows, each as long as Categories. A NaN or infinite value is
	// missing and drawn hatched. A grid without a value says "Ingen
	// data".
	Grid [][]float64
	// Decorative hides the chart from assistive technology
	// (aria-hidden="true", no title or description). Use it only when the
	// same numbers are next to the chart, as in a scorecard row.
	Decorative bool
	// Width and Height are the size in CSS pixels; 0 takes the default
	// (640×320, a sparkline 100×24, a peer index chart or a heat map as
	// high as its rows need).
	Width, Height int
}

// ErrInvalid is wrapped by every error about a chart's fields.
var ErrInvalid = errors.New("chart: invalid chart")

// WriteSVG writes the chart as one <svg> element. Nothing is written if the
// chart is invalid.
func (c *Chart) WriteSVG(w io.Writer) error {
	s, err := c.prepare()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := s.render(&buf); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// SVG returns the chart's SVG for use in html/template.
func (c *Chart) SVG() (template.HTML, error) {
	var buf bytes.Buffer
	if err := c.WriteSVG(&buf); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil // safe: the writer escapes every text and attribute
}

// WriteTable writes the chart's data as an HTML <table> with a caption and
// header cells, the numbers formatted as in the chart. Put it under the
// chart, for example inside <details>. Nothing is written if the chart is
// invalid.
func (c *Chart) WriteTable(w io.Writer) error {
	s, err := c.prepare()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	s.table(&buf)
	_, err = w.Write(buf.Bytes())
	return err
}

// TableHTML returns the chart's data table for use in html/template.
func (c *Chart) TableHTML() (template.HTML, error) {
	var buf bytes.Buffer
	if err := c.WriteTable(&buf); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil // safe: the writer escapes every text and attribute
}

// Summary returns a description of the chart in bokmål, used as Desc when
// that is empty: "Linjediagram over sykefravær 2014–2018. Høyeste verdi
// 7,6 % (2014), laveste verdi 7,2 % (2016), siste verdi 7,3 % (2018). Mål:
// 7,0 %." A chart with invalid fields gives "" (one too small for its
// labels, an error only WriteSVG finds, still has a summary).
func (c *Chart) Summary() string {
	s, err := c.prepare()
	if err != nil {
		return ""
	}
	return s.summary()
}
