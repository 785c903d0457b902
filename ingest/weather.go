package ingest

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/virk-analyse/virk"
)

// Weather is what a weather file holds: a station's daily mean
// temperatures, or its daily normals for one normal period.
type Weather struct {
	Station      virk.Station
	Temperatures []virk.Temperature
	Normals      []virk.Normal
	// Warnings tell what the reader assumed, such as a mean taken from
	// the day's highest and lowest temperature.
	Warnings []string
}

// ReadWeather reads one of the exports MET Norway gives of a station's
// daily temperatures:
//
//   - eKlima's "DØGNVERDIER" text report: fixed columns separated by
//     spaces, decimal comma, a quality flag column after each element
//     (fTAM beside TAM);
//   - eKlima's "DØGNNORMAL" text report: "Mnd;Dag;<station>" with the
//     normal period in its title, such as "(1961-1990)";
//   - seKlima's CSV download, ";" or "," separated, with a date column
//     (Tid(norsk normaltid), date) and the daily mean temperature
//     (Middeltemperatur, mean(air_temperature P1D), TAM); a file with
//     only the day's highest and lowest temperature gets their mean, an
//     approximation of TAM, with a warning.
//
// Values flagged "x" (missing or very uncertain) or "FE" (feilaktig) are
// left out. The station is the one the file names; period names the
// normal period when a normals file does not.
func ReadWeather(name string, data []byte, period string) (*Weather, error) {
	text, _, err := DecodeText(data)
	if err != nil {
		return nil, placeFile(err, name)
	}
	lines := strings.Split(strings.ReplaceAll(string(text), "\r\n", "\n"), "\n")
	wr := &weatherReader{name: name, lines: lines, w: &Weather{}}
	first := ""
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			first = l
			break
		}
	}
	switch {
	case strings.HasPrefix(first, "DØGNVERDIER"):
		wr.dailyReport()
	case strings.HasPrefix(first, "DØGNNORMAL"):
		wr.normalReport(first, period)
	default:
		wr.csv()
	}
	if len(wr.errs) > 0 {
		return nil, wr.errs
	}
	if len(wr.w.Temperatures) == 0 && len(wr.w.Normals) == 0 {
		return nil, Errors{{File: name, Err: errorf(ErrHeader,
			"fant ingen temperaturer (forventet eKlimas DØGNVERDIER eller DØGNNORMAL, eller seKlimas CSV med dato og middeltemperatur)")}}
	}
	return wr.w, nil
}

// placeFile sets the file name of an *Error that has none.
func placeFile(err error, name string) error {
	if e, ok := err.(*Error); ok && e.File == "" {
		e.File = name
	}
	return err
}

type weatherReader struct {
	name  string
	lines []string
	w     *Weather
	errs  Errors
	seen  map[virk.Date]int // date → line, for duplicates
}

func (wr *weatherReader) fail(line int, kind error, format string, args ...any) {
	if len(wr.errs) < maxWeatherErrors {
		wr.errs = append(wr.errs, &Error{File: wr.name, Line: line, Err: errorf(kind, format, args...)})
	}
}

// maxWeatherErrors caps the faults reported from one weather file.
const maxWeatherErrors = 100

// dailyReport reads the DØGNVERDIER text report.
func (wr *weatherReader) dailyReport() {
	header := -1
	var cols []string
	for i, l := range wr.lines {
		f := strings.Fields(l)
		if len(f) >= 3 && f[0] == "Stnr" && f[1] == "Dato" {
			header, cols = i, f
			break
		}
		if len(f) >= 2 && f[0] == "Stnr" && f[1] == "Navn" && i+1 < len(wr.lines) {
			wr.stationLine(wr.lines[i+1])
		}
	}
	if header < 0 {
		wr.fail(0, ErrHeader, "fant ikke overskriftsraden «Stnr Dato TAM fTAM …»")
		return
	}
	tam, flag := index(cols, "TAM"), index(cols, "fTAM")
	if tam < 0 {
		wr.fail(header+1, ErrHeader, "mangler kolonnen TAM (døgnmiddeltemperatur); fant %s", strings.Join(cols, " "))
		return
	}
	for i := header + 1; i < len(wr.lines); i++ {
		f := strings.Fields(wr.lines[i])
		if len(f) == 0 || !isDigits(f[0]) {
			if len(f) > 0 && (f[0] == "Dato" || f[0] == "Sum" || f[0] == "Middel") {
				break // the report's summary rows
			}
			continue
		}
		if len(f) != len(cols) {
			wr.fail(i+1, ErrFieldCount, "raden har %d felt, overskriften %d", len(f), len(cols))
			continue
		}
		if wr.w.Station.ID == "" {
			wr.w.Station.ID = "SN" + f[0]
		}
		fl := ""
		if flag >= 0 {
			fl = f[flag]
		}
		wr.temperature(i+1, "SN"+f[0], f[1], f[tam], fl)
	}
}

// stationLine reads the station number and name from the report's station
// table: "18700 OSLO - BLINDERN jan 1931 …".
func (wr *weatherReader) stationLine(l string) {
	f := strings.Fields(l)
	if len(f) < 2 || !isDigits(f[0]) {
		return
	}
	var name []string
	for _, w := range f[1:] {
		if isMonthAbbr(w) {
			break
		}
		name = append(name, w)
	}
	wr.w.Station = virk.Station{ID: "SN" + f[0], Name: stationName(strings.Join(name, " "))}
}

func isMonthAbbr(s string) bool {
	switch s {
	case "jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des":
		return true
	}
	return false
}

// stationName turns MET's upper-case "OSLO - BLINDERN" into "Oslo - Blindern".
func stationName(s string) string {
	if s != strings.ToUpper(s) {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		r := []rune(w)
		r[0] = []rune(strings.ToUpper(string(r[0])))[0]
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// temperature adds one day's mean, reporting bad dates and numbers.
func (wr *weatherReader) temperature(line int, station, date, value, flag string) {
	d, err := virk.ParseDate(date)
	if err != nil {
		wr.fail(line, ErrPeriod, "%v", err)
		return
	}
	if wr.seen == nil {
		wr.seen = map[virk.Date]int{}
	}
	if first, dup := wr.seen[d]; dup {
		wr.fail(line, ErrDuplicate, "dagen %s er også på linje %d", d, first)
		return
	}
	wr.seen[d] = line
	if n := len(wr.w.Temperatures); n > 0 && d.Before(wr.w.Temperatures[n-1].Date) {
		wr.fail(line, ErrPeriod, "dagen %s kommer etter %s: datoene går bakover", d, wr.w.Temperatures[n-1].Date)
		return
	}
	if value == "" || value == "-" || strings.EqualFold(value, "x") || flag == "x" || flag == "FE" {
		return // missing, or marked unusable by MET
	}
	v, err := ParseNumber(value, ',')
	if err != nil && strings.Contains(value, ".") {
		v, err = ParseNumber(value, '.')
	}
	if err != nil {
		wr.fail(line, ErrNumber, "temperaturen %s er ikke et tall", quote(value))
		return
	}
	if v < -60 || v > 50 {
		wr.fail(line, ErrNumber, "temperaturen %s °C er utenfor det mulige (−60 til 50)", value)
		return
	}
	wr.w.Temperatures = append(wr.w.Temperatures, virk.Temperature{Station: station, Date: d, Mean: v, Flag: flag})
}

// normalReport reads the DØGNNORMAL report: "Mnd;Dag;18700" and a row a day.
func (wr *weatherReader) normalReport(title, period string) {
	if i, j := strings.Index(title, "("), strings.Index(title, ")"); i >= 0 && j > i {
		period = title[i+1 : j]
	}
	if !virk.ValidNormalPeriod(period) {
		wr.fail(1, ErrHeader, "normalperioden %s er ugyldig eller mangler (forventet f.eks. «1961-1990» i tittelen eller som valg)", quote(period))
		return
	}
	var station string
	seen := map[[2]int]int{}
	for i, l := range wr.lines {
		f := strings.Split(strings.TrimSpace(l), ";")
		if len(f) >= 2 && f[0] == "Stnr" && f[1] == "Navn" && i+1 < len(wr.lines) {
			if g := strings.Split(wr.lines[i+1], ";"); len(g) >= 2 && isDigits(g[0]) {
				wr.w.Station = virk.Station{ID: "SN" + g[0], Name: stationName(g[1])}
			}
			continue
		}
		if len(f) == 3 && f[0] == "Mnd" && f[1] == "Dag" {
			station = "SN" + f[2]
			continue
		}
		if station == "" || len(f) != 3 || !isDigits(f[0]) {
			continue
		}
		m, d := atoi(f[0]), atoi(f[1])
		if m < 1 || m > 12 || d < 1 || d > daysInMonth(m) {
			wr.fail(i+1, ErrPeriod, "dagen %s.%s finnes ikke", f[1], f[0])
			continue
		}
		if first, dup := seen[[2]int{m, d}]; dup {
			wr.fail(i+1, ErrDuplicate, "dagen %d.%d er også på linje %d", d, m, first)
			continue
		}
		seen[[2]int{m, d}] = i + 1
		v, err := ParseNumber(f[2], ',')
		if err != nil {
			wr.fail(i+1, ErrNumber, "normalen %s er ikke et tall", quote(f[2]))
			continue
		}
		wr.w.Normals = append(wr.w.Normals, virk.Normal{Station: station, Period: period, Month: time.Month(m), Day: d, Mean: v})
	}
	if station == "" {
		wr.fail(0, ErrHeader, "fant ikke overskriftsraden «Mnd;Dag;<stasjonsnummer>»")
		return
	}
	if wr.w.Station.ID == "" {
		wr.w.Station.ID = station
	}
	if len(seen) < 365 && len(wr.errs) == 0 {
		wr.fail(0, ErrPeriod, "normalene dekker %d dager, forventet hele året (365 eller 366)", len(seen))
	}
}

// csv reads seKlima's CSV download: one row a day.
func (wr *weatherReader) csv() {
	header := -1
	var cols []string
	sep := ";"
	for i, l := range wr.lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if !strings.Contains(l, ";") {
			sep = ","
		}
		cols = splitTrim(l, sep)
		header = i
		break
	}
	if header < 0 {
		return
	}
	find := func(names ...string) int {
		for i, c := range cols {
			lc := strings.ToLower(c)
			for _, n := range names {
				if strings.Contains(lc, n) {
					return i
				}
			}
		}
		return -1
	}
	date := find("tid(", "date", "dato", "referencetime", "time")
	mean := find("middeltemperatur", "mean(air_temperature", "tam")
	maxT, minT := find("max temperature", "maksimumstemperatur", "max(air_temperature", "tax"), find("min temperature", "minimumstemperatur", "min(air_temperature", "tan")
	station := find("stasjon", "station", "sourceid")
	if date < 0 || mean < 0 && (maxT < 0 || minT < 0) {
		wr.fail(header+1, ErrHeader, "forventet en datokolonne og middeltemperatur (TAM); fant %s", strings.Join(cols, sep))
		return
	}
	if mean < 0 {
		wr.w.Warnings = append(wr.w.Warnings, wr.name+": filen har bare høyeste og laveste temperatur; døgnmiddel er tatt som snittet av dem, en tilnærming til TAM")
	}
	for i := header + 1; i < len(wr.lines); i++ {
		l := strings.TrimSpace(wr.lines[i])
		if l == "" || strings.HasPrefix(l, "Data er gyldig") {
			continue
		}
		f := splitTrim(l, sep)
		if len(f) != len(cols) {
			wr.fail(i+1, ErrFieldCount, "raden har %d felt, overskriften %d", len(f), len(cols))
			continue
		}
		st := wr.w.Station.ID
		if station >= 0 {
			st = f[station]
			if !strings.HasPrefix(st, "SN") && isDigits(st) {
				st = "SN" + st
			}
			if i := strings.Index(st, ":"); i > 0 {
				st = st[:i] // Frost's "SN18700:0"
			}
			if wr.w.Station.ID == "" {
				wr.w.Station = virk.Station{ID: st, Name: stationName(f[0])}
			} else if st != wr.w.Station.ID {
				wr.fail(i+1, ErrInvalid, "stasjonen %s er en annen enn %s tidligere i filen; én stasjon per fil", st, wr.w.Station.ID)
				continue
			}
		}
		day := f[date]
		if len(day) > 10 {
			day = day[:10] // "2022-10-09T00:00:00.000Z"
		}
		if mean >= 0 {
			wr.temperature(i+1, st, day, f[mean], "")
			continue
		}
		hi, err1 := ParseNumber(f[maxT], '.')
		lo, err2 := ParseNumber(f[minT], '.')
		if err1 != nil || err2 != nil {
			wr.fail(i+1, ErrNumber, "høyeste/laveste temperatur %s/%s er ikke tall", quote(f[maxT]), quote(f[minT]))
			continue
		}
		wr.temperature(i+1, st, day, formatFloat((hi+lo)/2), "")
	}
	if wr.w.Station.ID == "" {
		wr.fail(0, ErrHeader, "filen sier ikke hvilken stasjon den er fra (forventet kolonnen Stasjon)")
	}
}

func formatFloat(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

func splitTrim(l, sep string) []string {
	f := strings.Split(l, sep)
	for i := range f {
		f[i] = strings.Trim(strings.TrimSpace(f[i]), `"`)
	}
	return f
}

func index(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func atoi(s string) int {
	n := 0
	for _, c := range []byte(s) {
		n = n*10 + int(c-'0')
	}
	return n
}

func daysInMonth(m int) int {
	return time.Date(2000, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
