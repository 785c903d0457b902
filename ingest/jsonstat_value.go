package ingest

import (
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/jsonstat"
)

// jsonStatStatus maps SSB's table symbols, as they appear in the "status"
// of a JSON-stat cell (and, from some producers, as string values), to
// observation statuses:
//
//	"."    not applicable: the category does not occur, e.g. a municipality
//	       number in the years before it existed   → StatusNotApplicable
//	".."   data not available                      → StatusMissing
//	":"    suppressed for confidentiality           → StatusSuppressed
//	"..."  not for publication                      → StatusSuppressed
//	"-"    nil, a true zero                         → the value 0, StatusFinal
//	"*"    preliminary figure (also "p")            → StatusPreliminary
//
// A cell with a number and no status is final. A number with another
// status (such as "e" or "r") keeps its value and is final: the importer
// does not know the producer's symbol and will not drop a figure for it.
// A null cell without one of the symbols above is missing. Null cells are
// imported as observations with their status, so nothing the file says is
// lost.
//
// A number together with a symbol that means "no value" is a
// contradiction, reported as an error as the CSV reader does, because
// guessing either way could store a wrong figure or hide a right one.
// Note that "..." means suppressed here, after SSB's symbol list, while
// the CSV reader reads it as missing.
func jsonStatStatus(symbol string) (st virk.Status, zero, ok bool) {
	switch symbol {
	case ".":
		return virk.StatusNotApplicable, false, true
	case "..":
		return virk.StatusMissing, false, true
	case ":", "...":
		return virk.StatusSuppressed, false, true
	case "-":
		return virk.StatusFinal, true, true
	}
	return "", false, false
}

// cellFigure returns the value and status of a cell from its JSON-stat
// value and status. The error wraps ErrNumber or ErrStatus.
func cellFigure(v jsonstat.Value, status string) (float64, virk.Status, error) {
	status = strings.TrimSpace(status)
	num, hasNum := v.Float()
	if v.Kind == jsonstat.String {
		s := strings.TrimSpace(v.Str)
		switch sym, _, ok := jsonStatStatus(s); {
		case s == "":
			// An empty string is as good as null.
		case ok && (status == "" || status == s):
			// A symbol written as the value, "-" giving 0.
			return 0, sym, nil
		case ok:
			return 0, "", errorf(ErrStatus, "verdien %s og status %s sier ulike ting", quote(s), quote(status))
		default:
			f, err := ParseNumber(s, 0)
			if err != nil {
				return 0, "", err
			}
			num, hasNum = f, true
		}
	}
	sym, zero, known := jsonStatStatus(status)
	switch {
	case known && zero:
		if hasNum && num != 0 {
			return 0, "", errorf(ErrStatus, "status «-» betyr null, men verdien er %s", figureText(num))
		}
		return 0, virk.StatusFinal, nil
	case known:
		if hasNum {
			return 0, "", errorf(ErrStatus, "status %s betyr at cellen ikke har noen verdi, men verdien er %s",
				quote(status), figureText(num))
		}
		return 0, sym, nil
	case !hasNum:
		return 0, virk.StatusMissing, nil
	case status == "*" || strings.EqualFold(status, "p"):
		return num, virk.StatusPreliminary, nil
	}
	return num, virk.StatusFinal, nil
}

// figureText writes a number for a message, with a decimal comma.
func figureText(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', -1, 64), ".", ",", 1)
}
