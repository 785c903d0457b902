package chart

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strings"

	"github.com/virk-analyse/virk/nb"
)

// Limits of a chart. They are far beyond any readable chart; they exist so
// that bad input gives an error instead of a huge or broken drawing.
const (
	maxSeries     = 8     // series drawn; PeerIndex has one more, the reference
	maxCategories = 1000  // categories of one chart
	maxSize       = 10000 // width and height in pixels
	maxDecimals   = 10
	// maxAbs bounds values: beyond it, spans and tick positions could
	// overflow float64. NaN and ±Inf are missing values, not errors.
	maxAbs = 1e100
)

// Default sizes in CSS pixels.
const (
	defaultWidth, defaultHeight   = 640, 320
	sparkWidth, sparkHeight       = 100, 24
	minSparkWidth, minSparkHeight = 16, 8
	minChartWidth, minChartHeight = 120, 80
	defaultTargetLabel            = "Mål"
	defaultCategoryTitle          = "Kategori"
	defaultValueTitle             = "Verdi"
	peerReferenceLabel            = "Snitt = 100"
	breakLabel                    = "Tidsseriebrudd"
	noDataLabel                   = "Ingen data"
	idMaxLen                      = 256
)

// spec is a validated chart with cleaned text and defaults filled in: what
// the renderers draw. Missing values are NaN.
type spec struct {
	kind        Kind
	id          string
	title, desc string
	cats        []string
	catTitle    string
	series      []Series
	unit        string // "" when percent
	decimals    int
	percent     bool
	target      *Target
	breaks      []int // sorted, unique, in 1..len(cats)-1
	valueLabels bool
	decorative  bool
	w, h        int // h is 0 for a peer index chart or heat map of automatic height

	// Scatter: the drawable points, how many were left out as missing,
	// the fitted line's vertices and the names and x axis text.
	points              []Point
	missingPoints       int
	fit                 []Point
	pointsName, fitName string
	xTitle, xUnit       string
	xDecimals           int
	// Heatmap: the row labels and the grid, every missing value NaN.
	rows []string
	grid [][]float64
}

// invalid returns an error wrapping ErrInvalid.
func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}

// prepare validates c and returns its spec. It never changes c.
func (c *Chart) prepare() (*spec, error) {
	s := &spec{
		kind:        c.Kind,
		title:       clean(c.Title),
		cats:        make([]string, len(c.Categories)),
		catTitle:    clean(c.CategoryTitle),
		unit:        clean(c.Unit),
		decimals:    c.Decimals,
		percent:     c.Percent,
		valueLabels: c.ValueLabels,
		decorative:  c.Decorative,
		w:           c.Width,
		h:           c.Height,
	}
	if c.Kind < Line || c.Kind > Heatmap {
		return nil, invalid("unknown kind %d", int(c.Kind))
	}
	if s.unit == "%" {
		s.unit, s.percent = "", true
	}
	if s.percent {
		s.unit = ""
	}
	if c.Width < 0 || c.Height < 0 || c.Width > maxSize || c.Height > maxSize {
		return nil, invalid("size %d×%d outside 0–%d", c.Width, c.Height, maxSize)
	}
	if err := s.defaultSize(); err != nil {
		return nil, err
	}
	if c.Decimals < 0 || c.Decimals > maxDecimals {
		return nil, invalid("decimals %d outside 0–%d", c.Decimals, maxDecimals)
	}
	if s.title == "" && !s.decorative {
		return nil, invalid("a chart needs a Title to be accessible (or Decorative)")
	}
	if len(c.Categories) > maxCategories {
		return nil, invalid("%d categories, more than %d", len(c.Categories), maxCategories)
	}
	for i, cat := range c.Categories {
		s.cats[i] = clean(cat)
	}
	if err := s.setData(c); err != nil {
		return nil, err
	}
	if err := s.setTarget(c.Target); err != nil {
		return nil, err
	}
	if err := s.setBreaks(c.Breaks); err != nil {
		return nil, err
	}
	if s.catTitle == "" {
		s.catTitle = guessCategoryTitle(s.kind, s.cats)
	}
	s.id = c.ID
	if s.id == "" {
		s.id = s.hashID()
	} else if !validID(s.id) {
		return nil, invalid("ID %q: use a letter, then letters, digits, '-' or '_' (at most %d)", c.ID, idMaxLen)
	}
	s.desc = clean(c.Desc)
	if s.desc == "" {
		s.desc = s.summary()
	}
	return s, nil
}

// defaultSize fills in the default width and height and checks that the
// chart leaves room to draw.
func (s *spec) defaultSize() error {
	if s.kind == Sparkline {
		if s.w == 0 {
			s.w = sparkWidth
		}
		if s.h == 0 {
			s.h = sparkHeight
		}
		if s.w < minSparkWidth || s.h < minSparkHeight {
			return invalid("sparkline %d×%d smaller than %d×%d", s.w, s.h, minSparkWidth, minSparkHeight)
		}
		return nil
	}
	if s.w == 0 {
		s.w = defaultWidth
	}
	if s.h == 0 && s.kind != PeerIndex && s.kind != Heatmap {
		s.h = defaultHeight
	}
	if s.w < minChartWidth || (s.h != 0 && s.h < minChartHeight) {
		return invalid("chart %d×%d smaller than %d×%d", s.w, s.h, minChartWidth, minChartHeight)
	}
	return nil
}

// setData checks and copies the data: the series, or the points of a
// scatter chart or the grid of a heat map. Data fields of another kind
// are an error rather than ignored, since they mean a mistaken Kind.
func (s *spec) setData(c *Chart) error {
	if s.kind != Scatter && (len(c.Points) > 0 || len(c.Fit) > 0) {
		return invalid("Points and Fit are for a scatter chart, not %s", s.kind)
	}
	if s.kind != Heatmap && (len(c.Rows) > 0 || len(c.Grid) > 0) {
		return invalid("Rows and Grid are for a heat map, not %s", s.kind)
	}
	switch s.kind {
	case Scatter:
		return s.setScatter(c)
	case Heatmap:
		return s.setHeatmap(c)
	}
	return s.setSeries(c.Series)
}

// setSeries checks the number of series, their names and lengths, and
// copies them with every missing value as NaN.
func (s *spec) setSeries(in []Series) error {
	lo, hi := 1, maxSeries
	switch s.kind {
	case Bar, Sparkline:
		hi = 1
	case PeerIndex:
		lo, hi = 2, maxSeries+1
	}
	if len(in) < lo || len(in) > hi {
		if lo == hi {
			return invalid("%s chart takes %d series, got %d", s.kind, lo, len(in))
		}
		return invalid("%s chart takes %d–%d series, got %d", s.kind, lo, hi, len(in))
	}
	s.series = make([]Series, len(in))
	for i, ser := range in {
		name := clean(ser.Name)
		if name == "" && len(in) > 1 {
			return invalid("series %d has no name; a legend needs one", i+1)
		}
		if len(ser.Values) != len(s.cats) {
			return invalid("series %q has %d values for %d categories", name, len(ser.Values), len(s.cats))
		}
		vals := make([]float64, len(ser.Values))
		for j, v := range ser.Values {
			switch {
			case !finite(v):
				v = math.NaN()
			case math.Abs(v) > maxAbs:
				return invalid("series %q, %q: value %g beyond ±%g", name, s.cats[j], v, maxAbs)
			}
			vals[j] = v
		}
		s.series[i] = Series{Name: name, Values: vals}
	}
	return nil
}

// setTarget checks and copies the target.
func (s *spec) setTarget(t *Target) error {
	if t == nil {
		return nil
	}
	switch s.kind {
	case PeerIndex:
		return invalid("a peer index chart has no target; its reference is 100")
	case Scatter, Heatmap:
		return invalid("a %s chart has no target", s.kind)
	}
	if !finite(t.Value) || math.Abs(t.Value) > maxAbs {
		return invalid("target %g is not a usable number", t.Value)
	}
	label := clean(t.Label)
	if label == "" {
		label = defaultTargetLabel
	}
	s.target = &Target{Value: t.Value, Label: label}
	return nil
}

// setBreaks checks, sorts and de-duplicates the series breaks.
func (s *spec) setBreaks(breaks []int) error {
	if len(breaks) == 0 {
		return nil
	}
	if s.kind == PeerIndex || s.kind == Scatter || s.kind == Heatmap {
		return invalid("a %s chart has no series breaks", s.kind)
	}
	for _, b := range breaks {
		if b < 1 || b >= len(s.cats) {
			return invalid("break before category %d: it must be between the first and the last (1–%d)", b, len(s.cats)-1)
		}
	}
	s.breaks = slices.Compact(slices.Sorted(slices.Values(breaks)))
	return nil
}

// hashID derives an element id from everything drawn, so that different
// charts on one page get different ids and a chart keeps its id.
func (s *spec) hashID() string {
	h := fnv.New64a()
	var b [8]byte
	num := func(v float64) {
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
		h.Write(b[:])
	}
	str := func(v string) { h.Write([]byte(v)); h.Write([]byte{0}) }
	num(float64(s.kind))
	str(s.title)
	for _, c := range s.cats {
		str(c)
	}
	for _, ser := range s.series {
		str(ser.Name)
		for _, v := range ser.Values {
			num(v)
		}
	}
	if s.target != nil {
		num(s.target.Value)
	}
	for _, br := range s.breaks {
		num(float64(br))
	}
	for _, p := range append(slices.Clip(s.points), s.fit...) {
		num(p.X)
		num(p.Y)
	}
	num(float64(len(s.fit)))
	for _, r := range s.rows {
		str(r)
	}
	for _, row := range s.grid {
		for _, v := range row {
			num(v)
		}
	}
	num(float64(s.w))
	num(float64(s.h))
	return fmt.Sprintf("chart-%016x", h.Sum64())
}

// validID reports whether id is a safe XML id and URL fragment.
func validID(id string) bool {
	if len(id) == 0 || len(id) > idMaxLen {
		return false
	}
	for i, r := range id {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if i == 0 && !letter {
			return false
		}
		if !letter && !(r >= '0' && r <= '9') && r != '-' && r != '_' {
			return false
		}
	}
	return true
}

// guessCategoryTitle heads the category column when the caller did not.
func guessCategoryTitle(k Kind, cats []string) string {
	switch {
	case k == PeerIndex:
		return "Indikator"
	case !periodLike(cats):
		return defaultCategoryTitle
	}
	for _, c := range cats {
		if len(c) != 4 {
			return "Periode"
		}
	}
	return "År"
}

// periodLike reports whether every category starts with a year, as
// periods do: "2018", "2018-03", "2018K1".
func periodLike(cats []string) bool {
	for _, c := range cats {
		if len(c) < 4 || strings.Trim(c[:4], "0123456789") != "" {
			return false
		}
	}
	return len(cats) > 0
}

// finite reports whether v is a number that is drawn.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// format formats a value for labels, the description and the table; a
// missing value is "–".
func (s *spec) format(v float64) string {
	if !finite(v) {
		return "–"
	}
	if s.percent {
		return nb.Percent(v, s.decimals)
	}
	return nb.Number(v, s.decimals)
}

// formatUnit formats a value with its unit, for running text.
func (s *spec) formatUnit(v float64) string {
	if s.unit == "" {
		return s.format(v)
	}
	return s.format(v) + "\u00a0" + s.unit
}

// targetText is the target's label: "Mål: 7,0 %".
func (s *spec) targetText() string {
	return s.target.Label + ": " + s.formatUnit(s.target.Value)
}

// anyValue reports whether some series has a drawable value.
func (s *spec) anyValue() bool {
	for _, ser := range s.series {
		for _, v := range ser.Values {
			if finite(v) {
				return true
			}
		}
	}
	return false
}
