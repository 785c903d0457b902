package ingest

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ParseNumber reads a number the ways Norwegian files write it: "1 422,3",
// "1422.3", "1.422,3", "-16,2", "−16,2" (with U+2212 minus), "3,8 %" (the
// percent sign is dropped), "1,5E+03". Spaces, no-break spaces (U+00A0) and
// narrow no-break spaces (U+202F) separate thousands.
//
// decimal is the decimal separator, '.' or ','. With 0 it is decided for each
// number: when both '.' and ',' occur, the last one is the decimal separator;
// a number with exactly one ',' and no '.' has a decimal comma, and one with
// exactly one '.' and no ',' has a decimal point; repeated ones separate
// thousands. Thousands groups must have three digits, so that two values run
// together ("1,2,3") are caught instead of read as one.
//
// The error wraps ErrNumber.
func ParseNumber(s string, decimal byte) (float64, error) {
	v, err := parseNumber(s, decimal)
	if err != nil {
		return 0, numberError(s, decimal, err)
	}
	return v, nil
}

// numberError is the user-facing message for a value that is not a number.
func numberError(s string, decimal byte, err error) error {
	example := "1 422,3"
	if decimal == '.' {
		example = "1422.3"
	}
	if errors.Is(err, strconv.ErrRange) {
		return errorf(ErrNumber, "verdien %s er for stor til å lagres", quote(s))
	}
	if strings.HasPrefix(s, "#") {
		return errorf(ErrNumber, "cellen har Excel-feilen %s, ikke et tall", quote(s))
	}
	return errorf(ErrNumber, "verdien %s er ikke et tall (forventet f.eks. %s)", quote(s), example)
}

var errSyntax = errors.New("syntax")

// parseNumber is ParseNumber without the message; it does not allocate for
// numbers of up to 32 characters.
func parseNumber(s string, decimal byte) (float64, error) {
	s = trimSpace(s)
	if strings.HasSuffix(s, "%") {
		s = trimSpace(s[:len(s)-1])
	}
	var buf [32]byte
	out := buf[:0]
	switch {
	case strings.HasPrefix(s, "-"), strings.HasPrefix(s, "+"):
		out = append(out, s[0])
		s = s[1:]
	case strings.HasPrefix(s, "−"), strings.HasPrefix(s, "–"): // U+2212 minus, U+2013 en dash
		out = append(out, '-')
		s = s[len("−"):]
	}
	mant, exp := s, ""
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, exp = s[:i], s[i+1:]
	}
	dc, tc := separators(mant, decimal)

	digits, group, grouped, point := 0, 0, false, false
	for i := 0; i < len(mant); {
		c := mant[i]
		switch {
		case c >= '0' && c <= '9':
			out = append(out, c)
			digits++
			group++
			i++
			continue
		case c == dc:
			if point || grouped && group != 3 {
				return 0, errSyntax
			}
			point, group = true, 0
			out = append(out, '.')
			i++
			continue
		}
		n := groupSep(mant[i:], tc)
		if n == 0 || point || group == 0 || grouped && group != 3 || !grouped && group > 3 {
			return 0, errSyntax
		}
		grouped, group = true, 0
		i += n
	}
	if digits == 0 || grouped && !point && group != 3 {
		return 0, errSyntax
	}
	if mant != s {
		out = append(out, 'e')
		if exp != "" && (exp[0] == '-' || exp[0] == '+') {
			out = append(out, exp[0])
			exp = exp[1:]
		}
		if exp == "" {
			return 0, errSyntax
		}
		for i := 0; i < len(exp); i++ {
			if exp[i] < '0' || exp[i] > '9' {
				return 0, errSyntax
			}
		}
		out = append(out, exp...)
	}
	v, err := strconv.ParseFloat(string(out), 64)
	if err != nil {
		return 0, strconv.ErrRange // only a range error is possible here
	}
	return v, nil
}

// separators decides the decimal and thousands separators of one number.
func separators(s string, decimal byte) (dc, tc byte) {
	switch decimal {
	case '.':
		return '.', ','
	case ',':
		return ',', '.'
	}
	commas, dots := strings.Count(s, ","), strings.Count(s, ".")
	switch {
	case commas > 0 && dots > 0:
		if strings.LastIndexByte(s, ',') > strings.LastIndexByte(s, '.') {
			return ',', '.'
		}
		return '.', ','
	case commas == 1, dots > 1:
		return ',', '.'
	}
	return '.', ','
}

// groupSep returns the length of the thousands separator at the start of s:
// tc, a space, a no-break space or a narrow no-break space; 0 if none.
func groupSep(s string, tc byte) int {
	if s[0] == tc || s[0] == ' ' {
		return 1
	}
	if r, n := utf8.DecodeRuneInString(s); isSpace(r) {
		return n
	}
	return 0
}

// isSpace reports whether r is a space that Norwegian files use in numbers
// or around values.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\u00a0', '\u202f', '\u2009':
		return true
	}
	return false
}

// trimSpace removes spaces, tabs and no-break spaces at both ends. It is
// strings.TrimSpace with the Unicode spaces of Norwegian number formats.
func trimSpace(s string) string {
	for s != "" {
		r, n := utf8.DecodeRuneInString(s)
		if !isSpace(r) && r != '\r' && r != '\n' {
			break
		}
		s = s[n:]
	}
	for s != "" {
		r, n := utf8.DecodeLastRuneInString(s)
		if !isSpace(r) && r != '\r' && r != '\n' {
			break
		}
		s = s[:len(s)-n]
	}
	return s
}
