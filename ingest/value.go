package ingest

import (
	"github.com/virk-analyse/virk"
)

// symbolStatus returns the status that an SSB symbol in a value cell stands
// for: ":" suppressed, "." not applicable, ".." and "..." missing. "-" is
// SSB's "nil", a true zero, and so reads as the value 0.
func symbolStatus(s string) (st virk.Status, zero, ok bool) {
	switch s {
	case ":":
		return virk.StatusSuppressed, false, true
	case ".":
		return virk.StatusNotApplicable, false, true
	case "..", "...":
		return virk.StatusMissing, false, true
	case "-", "−", "–":
		return virk.StatusFinal, true, true
	}
	return "", false, false
}

// parseStatus reads a status cell with a Norwegian message on error.
func parseStatus(s string) (virk.Status, error) {
	if s == "" {
		return virk.StatusFinal, nil
	}
	st, err := virk.ParseStatus(s)
	if err != nil {
		return "", errorf(ErrStatus, "status %s er ukjent (forventet tom, p/foreløpig, : skjult, . ikke relevant eller .. mangler)", quote(s))
	}
	return st, nil
}

// cellResult is what one value cell, with its status cell, says.
type cellResult struct {
	value  float64
	status virk.Status
	empty  bool // the value and status cells were both empty
}

// parseCell reads a value cell and the status cell beside it (empty when the
// file has no status column). On error, onStatus tells whether the status
// cell is at fault rather than the value cell.
func parseCell(val, status string, decimal byte) (res cellResult, onStatus bool, err error) {
	val, status = trimSpace(val), trimSpace(status)
	st, err := parseStatus(status)
	if err != nil {
		return cellResult{}, true, err
	}
	// An empty value is a missing observation in the tidy layout, where
	// the row says which one; the wide layout skips empty cells itself.
	if val == "" {
		switch {
		case status == "":
			return cellResult{status: virk.StatusMissing, empty: true}, false, nil
		case st.HasValue():
			return cellResult{}, true, errorf(ErrStatus, "status %s trenger en verdi, men verdien er tom", quote(status))
		}
		return cellResult{status: st}, false, nil
	}
	if sym, zero, ok := symbolStatus(val); ok {
		switch {
		case zero && st.HasValue():
			return cellResult{status: st}, false, nil
		case status == "" || st == sym:
			return cellResult{status: sym}, false, nil
		}
		return cellResult{}, true, errorf(ErrStatus, "verdien %s og status %s sier ulike ting", quote(val), quote(status))
	}
	// A number with a status that means "no value" is a contradiction
	// the analyst must resolve; guessing either way could store a wrong
	// figure or hide a right one.
	v, err := parseNumber(val, decimal)
	if err != nil {
		return cellResult{}, false, numberError(val, decimal, err)
	}
	if !st.HasValue() {
		return cellResult{}, true, errorf(ErrStatus, "status %s betyr at det ikke finnes noen verdi, men verdien er %s", quote(status), quote(val))
	}
	return cellResult{value: v, status: st}, false, nil
}
