package prognosis

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"path/filepath"
	"strconv"
	"strings"
)

// csvColumns are the columns of a population CSV file, in any order. The
// year column may be spelt without the å, as ASCII-only exports do.
var csvColumns = map[string]string{"alder": "alder", "år": "år", "ar": "år", "aar": "år", "personer": "personer"}

// readCSV reads the CSV form: a header alder;år;personer and one line per
// age and year. Alder is a whole age, with an optional "+" on the oldest
// ("105+"); personer may use a decimal comma and spaces between thousands.
func (pr *PopulationReader) readCSV(data []byte) (*Population, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = ';'
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err == io.EOF {
		return nil, Errors{pr.fail(1, 0, "", errorf(ErrSyntax, "filen er tom: forventet overskriftsraden alder;år;personer"))}
	}
	if err != nil {
		return nil, Errors{pr.csvFault(err)}
	}
	col := map[string]int{}
	var errs Errors
	for i, h := range head {
		name, ok := csvColumns[strings.ToLower(strings.TrimSpace(h))]
		line, _ := cr.FieldPos(i)
		c := i + 1
		switch _, dup := col[name]; {
		case !ok:
			errs = append(errs, pr.fail(line, c, "", errorf(ErrField, "ukjent kolonne %s: forventet alder;år;personer", quote(h))))
		case dup:
			errs = append(errs, pr.fail(line, c, "", errorf(ErrField, "kolonnen %s står to ganger", quote(h))))
		default:
			col[name] = i
		}
	}
	for _, name := range []string{"alder", "år", "personer"} {
		if _, ok := col[name]; !ok {
			errs = append(errs, pr.fail(1, 0, "", errorf(ErrField, "kolonnen %s mangler: forventet alder;år;personer", name)))
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	pop := NewPopulation()
	pop.Region, pop.Source = pr.Region, "CSV"
	if pr.File != "" {
		// Named, so that the assumptions say which file was used.
		pop.Source = "CSV-filen " + filepath.Base(pr.File)
	}
	seen := map[[2]int]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, append(errs, pr.csvFault(err))
		}
		age, ok := pr.csvInt(cr, &errs, col["alder"], rec, "alder", true)
		year, ok2 := pr.csvInt(cr, &errs, col["år"], rec, "år", false)
		n, ok3 := pr.csvPersons(cr, &errs, col["personer"], rec)
		if !ok || !ok2 || !ok3 {
			continue
		}
		line, _ := cr.FieldPos(0)
		if first, dup := seen[[2]int{year, age}]; dup {
			errs = append(errs, pr.fail(line, 0, "", errorf(ErrField, "alder %d i %d står også på linje %d", age, year, first)))
			continue
		}
		seen[[2]int{year, age}] = line
		pop.Add(year, age, n)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if len(seen) == 0 {
		return nil, Errors{pr.fail(2, 0, "", errorf(ErrMissing, "filen har ingen datalinjer"))}
	}
	return pop, nil
}

// csvFault turns an encoding/csv error into a fault with its line. Its
// column counts bytes, not fields, so it goes into the message.
func (pr *PopulationReader) csvFault(err error) *Error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return pr.fail(0, 0, "", errorf(ErrSyntax, "kan ikke lese filen: %v", err))
	}
	msg := "ugyldig CSV: " + pe.Err.Error()
	switch {
	case errors.Is(pe.Err, csv.ErrFieldCount):
		return pr.fail(pe.Line, 0, "", errorf(ErrSyntax, "linjen har ikke tre felt som overskriftsraden"))
	case errors.Is(pe.Err, csv.ErrBareQuote):
		msg = `anførselstegn midt i et felt`
	case errors.Is(pe.Err, csv.ErrQuote):
		msg = `anførselstegn som ikke er lukket, eller tegn etter et avsluttende anførselstegn`
	}
	return pr.fail(pe.Line, 0, "", errorf(ErrSyntax, "%s (tegn %d)", msg, pe.Column))
}

// csvInt parses field i as a whole number: an age (0 to maxAge, with an
// optional "+") or a year.
func (pr *PopulationReader) csvInt(cr *csv.Reader, errs *Errors, i int, rec []string, name string, age bool) (int, bool) {
	s := strings.TrimSpace(rec[i])
	if age {
		s = strings.TrimSuffix(s, "+")
	}
	n, err := strconv.Atoi(s)
	if err == nil && age && (n < 0 || n > maxAge) {
		err = errorf(ErrValue, "alderen %d er utenfor 0–%d", n, maxAge)
	} else if err == nil && !age && (n < 1 || n > 9999) {
		err = errorf(ErrValue, "året %d er ikke et årstall", n)
	} else if err != nil {
		err = errorf(ErrValue, "%s er ikke et heltall", quote(rec[i]))
	}
	if err != nil {
		line, _ := cr.FieldPos(i)
		*errs = append(*errs, pr.fail(line, i+1, name, err))
		return 0, false
	}
	return n, true
}

// csvPersons parses field i as a number of persons.
func (pr *PopulationReader) csvPersons(cr *csv.Reader, errs *Errors, i int, rec []string) (float64, bool) {
	n, err := parseNumber(rec[i])
	if err != nil {
		line, _ := cr.FieldPos(i)
		*errs = append(*errs, pr.fail(line, i+1, "personer", err))
		return 0, false
	}
	return n, true
}

// parseNumber reads a non-negative decimal number written the Norwegian
// way ("1 422,5") or the English way ("1422.5"). It accepts digits, one
// decimal mark and spaces only, so that "NaN", "Inf" and hexadecimal
// forms, which strconv.ParseFloat would take, are refused.
func parseNumber(s string) (float64, error) {
	t := strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(strings.TrimSpace(s))
	neg := strings.HasPrefix(t, "-") || strings.HasPrefix(t, "\u2212")
	t = strings.TrimPrefix(strings.TrimPrefix(t, "-"), "\u2212")
	t = strings.Replace(t, ",", ".", 1)
	ok := t != "" && t != "."
	for _, c := range t {
		ok = ok && (c == '.' || c >= '0' && c <= '9')
	}
	if !ok {
		return 0, errorf(ErrValue, "%s er ikke et tall", quote(s))
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return 0, errorf(ErrValue, "%s er ikke et tall", quote(s))
	}
	if neg && v != 0 {
		return 0, errorf(ErrValue, "%s er negativt", quote(s))
	}
	return v, nil
}
