package ingest

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/virk-analyse/virk"
)

// ReadingsOptions are the options of ReadReadings.
type ReadingsOptions struct {
	// Meter reports whether a meter ID is known; nil knows every meter.
	Meter func(id string) bool
	// Decimal is the decimal separator of the numbers; 0 decides per
	// number (see ParseNumber).
	Decimal byte
	// DefaultMeter stands in for the meter column when a file has none.
	DefaultMeter string
	// Location is the time zone of times without an offset; nil is
	// Norwegian time (Europe/Oslo).
	Location *time.Location
}

// ReadReadings reads meter readings from a CSV or XLSX file (by the name's
// extension) into monthly blocks, one meter and month each. The header
// decides what the rows are:
//
//   - meter;from;to;kWh: interval readings, as Elhub exports them. Times
//     are local Norwegian time (or carry an offset, 2019-10-27T02:00+02:00);
//     a day has 23 or 25 hours when summer time begins or ends, and the
//     hour 02:00–03:00 that occurs twice in October is told apart by the
//     order of the rows. An interval of an hour gives hourly readings, of
//     a local day daily readings and of a calendar month monthly ones.
//   - meter;date;kWh: daily readings.
//   - meter;month;kWh: monthly readings (2019-03, 03.2019 or 2019M03).
//   - meter;time;register: cumulative register readings (målerstand),
//     turned into the consumption between consecutive readings, at the
//     step of their spacing. A register that goes backwards or rolls over
//     is a fault, not a consumption.
//
// Every fault is reported with its line (or cell): an unknown meter, a bad
// number or time, a gap, a duplicate, an overlap, time going backwards.
// Values are kept to the watt-hour. Blocks come sorted by meter and month.
func ReadReadings(name string, data []byte, opts ReadingsOptions) ([]*virk.ReadingBlock, error) {
	rr := &readingReader{name: name, opts: opts, meters: map[string]*meterState{}}
	rr.zones.loc = opts.Location
	if strings.EqualFold(extOf(name), ".xlsx") {
		rr.xlsx = true
		if err := eachXLSXRow(name, data, rr.row); err != nil {
			return nil, err
		}
	} else {
		text, _, err := DecodeText(data)
		if err != nil {
			return nil, placeFile(err, name)
		}
		eachCSVRow(text, rr.row)
	}
	rr.finish()
	if len(rr.errs) > 0 {
		return nil, rr.errs
	}
	if rr.kind == 0 && len(rr.errs) == 0 {
		return nil, Errors{{File: name, Err: errorf(ErrHeader, "filen er tom: fant ingen overskriftsrad")}}
	}
	return rr.blocks(), nil
}

// readingKind is what the rows of a readings file are.
type readingKind int

const (
	kindInterval readingKind = iota + 1 // meter;from;to;kWh
	kindStart                           // meter;from;kWh (hourly, from the start)
	kindDaily                           // meter;date;kWh
	kindMonthly                         // meter;month;kWh
	kindRegister                        // meter;time;register
)

type readingReader struct {
	name   string
	opts   ReadingsOptions
	xlsx   bool
	kind   readingKind
	cols   [4]int // meter, time/from/date/month, to, value
	ncols  int
	meters map[string]*meterState
	order  []*meterState
	errs   Errors
	zones  zoneCache
}

// meterState is one meter's readings as the file goes.
type meterState struct {
	id       string
	step     virk.Step
	line     int       // the line of the previous row
	from, to time.Time // the previous interval (register: to is the previous reading's time)
	register float64   // the previous register reading; NaN before the first
	blocks   map[int]*virk.ReadingBlock
}

func (rr *readingReader) fail(line, col int, kind error, format string, args ...any) {
	if len(rr.errs) >= maxWeatherErrors {
		return
	}
	rr.errs = append(rr.errs, rowError(rr.name, rr.xlsx, line, col, errorf(kind, format, args...)))
}

// rowError places a fault of a row-by-row reader: line and field for
// CSV, the cell for XLSX.
func rowError(name string, xlsx bool, line, col int, err error) *Error {
	e := &Error{File: name, Line: line, Err: err}
	if xlsx {
		e.Line, e.Cell = 0, rowCell(col, line)
	} else if col > 0 {
		e.Column = col
	}
	return e
}

// rowCell is the XLSX reference of a 1-based column and row, "C7"; the
// row alone when the column is unknown.
func rowCell(col, row int) string {
	if col <= 0 {
		return "rad " + strconv.Itoa(row)
	}
	return cellName(col, row)
}

// header names, lower case.
var (
	meterNames    = []string{"meter", "måler", "maler", "målepunkt", "målepunkt-id", "målepunktid", "malepunkt", "meter_id", "målernummer", "målepunkt id", "metering point"}
	fromNames     = []string{"from", "fra", "start", "fra tid", "fra_tid", "fra dato", "starttid"}
	toNames       = []string{"to", "til", "slutt", "til tid", "til_tid", "til dato", "sluttid"}
	dateNames     = []string{"date", "dato", "dag", "day"}
	monthNames    = []string{"month", "måned", "maned", "periode"}
	timeNames     = []string{"time", "tid", "tidspunkt", "avlest", "avlesningstidspunkt"}
	valueNames    = []string{"kwh", "forbruk", "volum", "verdi", "value", "energi", "forbruk (kwh)", "volum (kwh)", "kwh forbruk"}
	registerNames = []string{"register", "stand", "målerstand", "malerstand", "teller", "tellerstand", "reading"}
)

// header reads the header row and decides the kind of the file.
func (rr *readingReader) header(line int, fields [][]byte) {
	find := func(names []string) int {
		for i, f := range fields {
			if slices.Contains(names, strings.ToLower(strings.TrimSpace(string(f)))) {
				return i
			}
		}
		return -1
	}
	meter, from, to, date := find(meterNames), find(fromNames), find(toNames), find(dateNames)
	month, tm, value, reg := find(monthNames), find(timeNames), find(valueNames), find(registerNames)
	rr.ncols = len(fields)
	if meter < 0 && rr.opts.DefaultMeter != "" {
		meter = len(fields) // a column of its own, filled in by row
		rr.ncols++
	}
	switch {
	case meter < 0:
		rr.fail(line, 0, ErrHeader, "mangler målerkolonnen (meter, måler eller målepunkt-id); fant %s", joinFields(fields))
		return
	case reg >= 0 && (tm >= 0 || from >= 0 || date >= 0):
		rr.kind, rr.cols = kindRegister, [4]int{meter, firstOf(tm, from, date), -1, reg}
	case value < 0:
		rr.fail(line, 0, ErrHeader, "mangler kolonnen med forbruk (kWh) eller målerstand (stand); fant %s", joinFields(fields))
		return
	case from >= 0 && to >= 0:
		rr.kind, rr.cols = kindInterval, [4]int{meter, from, to, value}
	case from >= 0 || tm >= 0:
		rr.kind, rr.cols = kindStart, [4]int{meter, firstOf(from, tm), -1, value}
	case date >= 0:
		rr.kind, rr.cols = kindDaily, [4]int{meter, date, -1, value}
	case month >= 0:
		rr.kind, rr.cols = kindMonthly, [4]int{meter, month, -1, value}
	default:
		rr.fail(line, 0, ErrHeader, "mangler tidskolonnen (from og to, date, month eller time); fant %s", joinFields(fields))
	}
}

func firstOf(cols ...int) int {
	for _, c := range cols {
		if c >= 0 {
			return c
		}
	}
	return -1
}

func joinFields(fields [][]byte) string {
	s := make([]string, len(fields))
	for i, f := range fields {
		s[i] = string(f)
	}
	return quote(strings.Join(s, ";"))
}

// row reads one row; the first non-empty one is the header.
func (rr *readingReader) row(line int, fields [][]byte) {
	if len(rr.errs) >= maxWeatherErrors {
		return
	}
	if rr.ncols == 0 {
		rr.header(line, fields)
		if rr.kind == 0 {
			rr.ncols = -1 // no header: report it once and skip the rest
		}
		return
	}
	if rr.kind == 0 {
		return
	}
	if rr.xlsx {
		fields = rr.cells(fields)
	}
	if rr.cols[0] == len(fields) && rr.opts.DefaultMeter != "" {
		fields = append(fields, []byte(rr.opts.DefaultMeter))
	}
	if len(fields) != rr.ncols {
		rr.fail(line, 0, ErrFieldCount, "raden har %d felt, overskriften %d", len(fields), rr.ncols)
		return
	}
	id := fields[rr.cols[0]]
	m := rr.meters[string(id)]
	if m == nil {
		sid := strings.TrimSpace(string(id))
		if sid == "" {
			rr.fail(line, rr.cols[0]+1, ErrUnknownEntity, "mangler måler")
			return
		}
		if rr.opts.Meter != nil && !rr.opts.Meter(sid) {
			rr.fail(line, rr.cols[0]+1, ErrUnknownEntity, "måleren %s er ukjent (legg den inn i byggregisteret først)", quote(sid))
			return
		}
		m = &meterState{id: sid, register: math.NaN(), blocks: map[int]*virk.ReadingBlock{}}
		rr.meters[string(id)] = m
		rr.order = append(rr.order, m)
	}
	if rr.kind == kindRegister {
		rr.registerRow(line, m, fields)
		return
	}
	v, ok := math.NaN(), true
	if f := fields[rr.cols[3]]; !missingValue(f) {
		v, ok = rr.number(line, rr.cols[3], f)
	}
	if !ok {
		return
	}
	if v < 0 {
		rr.fail(line, rr.cols[3]+1, ErrNumber, "forbruket %s kWh er negativt", quote(string(fields[rr.cols[3]])))
		return
	}
	from, to, ok := rr.interval(line, m, fields)
	if !ok {
		return
	}
	rr.add(line, m, from, to, v)
}

// cells pads a spreadsheet row to the header's width (a sheet leaves out
// empty cells at the end) and writes the time columns' date serials as
// times.
func (rr *readingReader) cells(fields [][]byte) [][]byte {
	for len(fields) < rr.ncols {
		fields = append(fields, nil)
	}
	for _, c := range rr.cols[1:3] {
		if c < 0 || c >= len(fields) {
			continue
		}
		if v, err := strconv.ParseFloat(string(fields[c]), 64); err == nil && v > 0 && v < 2958466 {
			// Excel's serial date: days since 1899-12-30, the fraction the time of day.
			t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).Add(time.Duration(math.Round(v*86400)) * time.Second)
			layout := "2006-01-02 15:04:05"
			if rr.kind == kindDaily {
				layout = "2006-01-02"
			} else if rr.kind == kindMonthly {
				layout = "2006-01"
			}
			fields[c] = []byte(t.Format(layout))
		}
	}
	return fields
}

// missingValue reports whether a field says that a reading is missing:
// empty, NA, "-" or null.
func missingValue(f []byte) bool {
	switch strings.ToLower(string(f)) {
	case "", "na", "-", "null", "nan", "..":
		return true
	}
	return false
}

// number reads a value.
func (rr *readingReader) number(line, col int, f []byte) (float64, bool) {
	v, err := parseNumber(string(f), rr.opts.Decimal)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		rr.fail(line, col+1, ErrNumber, "verdien %s er ikke et tall (forventet f.eks. 12,345)", quote(string(f)))
		return 0, false
	}
	return math.Round(v*1000) / 1000, true
}

// interval returns the span of a row of the non-register kinds.
func (rr *readingReader) interval(line int, m *meterState, fields [][]byte) (from, to time.Time, ok bool) {
	c := rr.cols[1]
	switch rr.kind {
	case kindInterval, kindStart:
		if from, ok = rr.instant(line, c, fields[c], m.to); !ok {
			return
		}
		if rr.kind == kindStart {
			return from, from.Add(time.Hour), true
		}
		to, ok = rr.instant(line, rr.cols[2], fields[rr.cols[2]], from.Add(time.Hour))
		if ok && !to.After(from) {
			// The second 02:00 of October read as the first: take the later one.
			if t2, amb := rr.zones.later(to); amb && t2.After(from) {
				to = t2
			} else {
				rr.fail(line, rr.cols[2]+1, ErrPeriod, "slutten %s er ikke etter starten %s", quote(string(fields[rr.cols[2]])), quote(string(fields[c])))
				return from, to, false
			}
		}
		return from, to, ok
	case kindDaily:
		d, err := virk.ParseDate(strings.TrimSpace(string(fields[c])))
		if err != nil {
			rr.fail(line, c+1, ErrPeriod, "%v", err)
			return from, to, false
		}
		from = d.Time(rr.zones.location())
		return from, from.AddDate(0, 0, 1), true
	default: // kindMonthly
		y, mo, err := parseMonth(strings.TrimSpace(string(fields[c])))
		if err != nil {
			rr.fail(line, c+1, ErrPeriod, "%v", err)
			return from, to, false
		}
		from = time.Date(y, mo, 1, 0, 0, 0, 0, rr.zones.location())
		return from, from.AddDate(0, 1, 0), true
	}
}

// parseMonth reads 2019-03, 03.2019, 2019M03 or 2019-03-01.
func parseMonth(s string) (int, time.Month, error) {
	for _, layout := range []string{"2006-01", "01.2006", "2006M01", "2006-01-02", "01/2006"} {
		if t, err := time.Parse(layout, s); err == nil && (layout != "2006-01-02" || t.Day() == 1) {
			return t.Year(), t.Month(), nil
		}
	}
	return 0, 0, errorf(ErrPeriod, "måneden %s er ugyldig (forventet f.eks. 2019-03)", quote(s))
}

// instant reads a time; a local time that occurs twice is the one that
// continues the meter's series (prefer), else the first.
func (rr *readingReader) instant(line, col int, f []byte, prefer time.Time) (time.Time, bool) {
	t, err := rr.zones.parse(f, prefer)
	if err != nil {
		rr.fail(line, col+1, ErrPeriod, "tidspunktet %s er ugyldig (%v)", quote(string(f)), err)
		return t, false
	}
	return t, true
}

// add puts one interval's consumption into its block, after checking that
// it continues the meter's series.
func (rr *readingReader) add(line int, m *meterState, from, to time.Time, v float64) {
	step, ok := stepOf(from, to, rr.zones.location())
	if !ok {
		rr.fail(line, rr.cols[1]+1, ErrPeriod, "intervallet %s–%s er verken en time, et døgn eller en måned", localTime(from), localTime(to))
		return
	}
	if m.step == "" {
		m.step = step
	} else if step != m.step {
		rr.fail(line, rr.cols[1]+1, ErrPeriod, "måleren %s har %s-verdier fra linje %d, men her en %s-verdi", m.id, stepWord(m.step), m.line, stepWord(step))
		return
	}
	if !m.to.IsZero() {
		switch {
		case from.Equal(m.from):
			rr.fail(line, rr.cols[1]+1, ErrDuplicate, "måleren %s har %s to ganger (også på linje %d)", m.id, localTime(from), m.line)
			return
		case from.Before(m.from):
			rr.fail(line, rr.cols[1]+1, ErrPeriod, "tiden går bakover: måleren %s har %s etter %s på linje %d", m.id, localTime(from), localTime(m.from), m.line)
			return
		case from.Before(m.to):
			rr.fail(line, rr.cols[1]+1, ErrDuplicate, "intervallet %s–%s overlapper %s–%s på linje %d", localTime(from), localTime(to), localTime(m.from), localTime(m.to), m.line)
			return
		case from.After(m.to):
			rr.fail(line, rr.cols[1]+1, ErrPeriod, "hull i måleren %s: ingen verdier fra %s til %s (etter linje %d)", m.id, localTime(m.to), localTime(from), m.line)
			// go on, so the rest of the series is checked too
		}
	}
	m.line, m.from, m.to = line, from, to
	if rr.inRange(line, from) {
		rr.put(m, from, v)
	}
}

// inRange reports whether a reading's time is in the years virk keeps,
// 1900–2200, and reports it when not.
func (rr *readingReader) inRange(line int, t time.Time) bool {
	if y := t.In(virk.Oslo()).Year(); y < 1900 || y > 2200 {
		rr.fail(line, rr.cols[1]+1, ErrPeriod, "året %d er utenfor 1900–2200", y)
		return false
	}
	return true
}

// put stores a value in the block of its month.
func (rr *readingReader) put(m *meterState, from time.Time, v float64) {
	loc := from.In(virk.Oslo())
	y, mo := loc.Year(), loc.Month()
	key := y*12 + int(mo) - 1
	b := m.blocks[key]
	if b == nil {
		b = &virk.ReadingBlock{MeterID: m.id, Year: y, Month: mo, Step: m.step}
		b.Values = make([]float64, b.Len())
		for i := range b.Values {
			b.Values[i] = math.NaN()
		}
		m.blocks[key] = b
	}
	var i int
	switch m.step {
	case virk.StepHour:
		i = int(from.Sub(b.Start()) / time.Hour)
	case virk.StepDay:
		i = loc.Day() - 1
	}
	b.Values[i] = v
}

// registerRow reads a cumulative reading and turns the difference from
// the previous one into consumption.
func (rr *readingReader) registerRow(line int, m *meterState, fields [][]byte) {
	c, vc := rr.cols[1], rr.cols[3]
	v, ok := rr.number(line, vc, fields[vc])
	if !ok {
		return
	}
	var at time.Time
	if d, err := virk.ParseDate(strings.TrimSpace(string(fields[c]))); err == nil {
		at = d.Time(rr.zones.location())
	} else if at, ok = rr.instant(line, c, fields[c], m.to); !ok {
		return
	}
	if math.IsNaN(m.register) {
		m.register, m.to, m.line = v, at, line
		return
	}
	if !at.After(m.to) {
		rr.fail(line, c+1, ErrPeriod, "tiden går bakover eller står stille: måleren %s er avlest %s etter %s på linje %d", m.id, localTime(at), localTime(m.to), line-0)
		return
	}
	if v < m.register {
		what := "går bakover"
		if rolledOver(m.register, v) {
			what = "ser ut til å ha gått rundt (telleverket startet på nytt fra null)"
		}
		rr.fail(line, vc+1, ErrNumber, "målerstanden for %s %s: %s etter %s på linje %d; forbruket er ikke brukt, rett filen eller del den ved byttet",
			m.id, what, strconv.FormatFloat(v, 'f', -1, 64), strconv.FormatFloat(m.register, 'f', -1, 64), m.line)
		m.register, m.to, m.line = v, at, line
		m.from = time.Time{}
		return
	}
	prevTo, prevLine := m.to, m.line
	used := math.Round((v-m.register)*1000) / 1000
	m.register = v
	// Consecutive register intervals abut by construction; check the step.
	step, ok := stepOf(prevTo, at, rr.zones.location())
	if !ok {
		rr.fail(line, c+1, ErrPeriod, "avlesningene %s (linje %d) og %s ligger ikke en time, et døgn eller en måned fra hverandre", localTime(prevTo), prevLine, localTime(at))
		m.to, m.line = at, line
		return
	}
	if m.step == "" {
		m.step = step
	} else if step != m.step {
		rr.fail(line, c+1, ErrPeriod, "måleren %s er avlest med %s mellomrom før linje %d, men her med %s", m.id, stepWord(m.step), prevLine, stepWord(step))
		m.to, m.line = at, line
		return
	}
	m.from, m.to, m.line = prevTo, at, line
	if rr.inRange(line, prevTo) {
		rr.put(m, prevTo, used)
	}
}

// rolledOver reports whether a register that fell from prev to v looks
// like one that passed its largest value: prev near a power of ten and v
// small against it.
func rolledOver(prev, v float64) bool {
	if prev <= 0 {
		return false
	}
	p := math.Pow(10, math.Ceil(math.Log10(prev+1)))
	return prev > 0.9*p && v < 0.1*p
}

// stepOf returns the step of the interval from–to: an hour, a local day
// or a calendar month.
func stepOf(from, to time.Time, loc *time.Location) (virk.Step, bool) {
	if to.Sub(from) == time.Hour {
		return virk.StepHour, true
	}
	lf := from.In(loc)
	if lf.Hour() != 0 || lf.Minute() != 0 || lf.Second() != 0 {
		return "", false
	}
	switch lt := to.In(loc); {
	case lt.Equal(lf.AddDate(0, 0, 1)):
		return virk.StepDay, true
	case lf.Day() == 1 && lt.Equal(lf.AddDate(0, 1, 0)):
		return virk.StepMonth, true
	}
	return "", false
}

func stepWord(s virk.Step) string {
	switch s {
	case virk.StepHour:
		return "time"
	case virk.StepDay:
		return "døgn"
	}
	return "måned"
}

// localTime formats an instant in Norwegian time, with the offset on the
// days summer time begins or ends, where the clock alone is ambiguous.
func localTime(t time.Time) string {
	l := t.In(virk.Oslo())
	_, off0 := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, virk.Oslo()).Zone()
	if _, off1 := time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, virk.Oslo()).Zone(); off0 != off1 {
		return l.Format("2006-01-02 15:04 -07:00")
	}
	return l.Format("2006-01-02 15:04")
}

// finish reports meters whose register readings never gave a consumption.
func (rr *readingReader) finish() {
	for _, m := range rr.order {
		if rr.kind == kindRegister && len(m.blocks) == 0 && len(rr.errs) == 0 {
			rr.fail(m.line, 0, ErrPeriod, "måleren %s har bare én målerstand; forbruk trenger minst to", m.id)
		}
	}
}

// blocks returns the blocks sorted by meter and month.
func (rr *readingReader) blocks() []*virk.ReadingBlock {
	var out []*virk.ReadingBlock
	for _, m := range rr.order {
		for _, b := range m.blocks {
			out = append(out, b)
		}
	}
	slices.SortFunc(out, func(a, b *virk.ReadingBlock) int {
		if c := strings.Compare(a.MeterID, b.MeterID); c != 0 {
			return c
		}
		return (a.Year*12 + int(a.Month)) - (b.Year*12 + int(b.Month))
	})
	return out
}

// eachCSVRow splits text into rows of fields at ';' (or ',' or tab, by
// the first line), with CSV quotes, and calls fn with each non-empty row
// and its 1-based line. Fields are slices of text or of a scratch buffer,
// valid until fn returns.
func eachCSVRow(text []byte, fn func(line int, fields [][]byte)) {
	eachCSVLine(text, csvSeparator(text), 0, fn)
}

// splitQuoted splits a line with CSV quotes; doubled quotes are one.
func splitQuoted(l []byte, sep byte, fields [][]byte, scratch []byte) ([][]byte, []byte) {
	scratch = slices.Grow(scratch, len(l))
	starts := []int{}
	quoted := false
	starts = append(starts, 0)
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case c == '"' && quoted && i+1 < len(l) && l[i+1] == '"':
			scratch = append(scratch, '"')
			i++
		case c == '"':
			quoted = !quoted
		case c == sep && !quoted:
			starts = append(starts, len(scratch))
		default:
			scratch = append(scratch, c)
		}
	}
	starts = append(starts, len(scratch))
	for i := 0; i+1 < len(starts); i++ {
		fields = append(fields, bytes.TrimSpace(scratch[starts[i]:starts[i+1]]))
	}
	return fields, scratch
}

func extOf(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i:]
	}
	return ""
}
