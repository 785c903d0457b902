package px

import "strings"

// File is a parsed PX file.
type File struct {
	// Charset is the character set the text was read in ("windows-1252",
	// "iso-8859-1", "utf-8"); DeclaredCharset is what CODEPAGE or CHARSET
	// said. They differ when the bytes contradicted the declaration.
	Charset, DeclaredCharset string
	// Language is LANGUAGE, the language of keywords without [lang];
	// Languages is LANGUAGES, every language of the file.
	Language  string
	Languages []string
	// Keywords holds every statement before DATA in file order, in every
	// language, including those the package does not interpret.
	Keywords []*Keyword

	Matrix      string // MATRIX, the table's short name
	TableID     string // TABLEID, e.g. SSB's "12367"
	Title       string // TITLE
	Description string // DESCRIPTION
	Contents    string // CONTENTS
	Units       string // UNITS for the whole table
	Source      string // SOURCE, e.g. "Statistisk sentralbyrå"
	SubjectCode string // SUBJECT-CODE
	SubjectArea string // SUBJECT-AREA
	// Decimals is DECIMALS, the decimals the stored values have;
	// ShowDecimals is SHOWDECIMALS, or -1 when absent.
	Decimals, ShowDecimals int

	// Stub and Heading are the variables in cube order: the cells are
	// row-major over the stub variables and then the heading variables,
	// the last heading variable varying fastest.
	Stub, Heading []*Variable
	// ContVariable is the CONTVARIABLE, whose values are different
	// measures, each with its own UNITS and PRECISION; nil when absent.
	ContVariable *Variable
	// ContentUnits maps the values of ContVariable to UNITS("value").
	ContentUnits map[string]string

	// Cells holds one number per cell, 0 where Marks has a marker.
	Cells []float64
	// Marks holds the missing-value marker of each cell, or is nil when
	// every cell is a number.
	Marks []Mark
	// Symbols holds DATASYMBOL1…DATASYMBOL6 at 1…6 and DATASYMBOLNIL at
	// 7, the text shown for each marker; "" where the file gives none.
	Symbols [8]string
	// DataSymbolSum is DATASYMBOLSUM.
	DataSymbolSum string

	// Warnings are the faults that did not stop the file from being read.
	Warnings []*ParseError
}

// Variables returns the stub and then the heading variables.
func (f *File) Variables() []*Variable {
	return append(append(make([]*Variable, 0, len(f.Stub)+len(f.Heading)), f.Stub...), f.Heading...)
}

// Variable returns the variable with a name in the default language, or nil.
func (f *File) Variable(name string) *Variable {
	for _, v := range f.Stub {
		if v.Name == name {
			return v
		}
	}
	for _, v := range f.Heading {
		if v.Name == name {
			return v
		}
	}
	return nil
}

// Len returns the number of cells of the cube.
func (f *File) Len() int {
	n := 1
	for _, v := range f.Variables() {
		n *= len(v.Values)
	}
	return n
}

// Symbol returns the text shown for a marker: its DATASYMBOLn, or the
// marker itself when the file gives none. It is "" for MarkNone.
func (f *File) Symbol(m Mark) string {
	if m == MarkNone || int(m) >= len(f.Symbols) {
		return ""
	}
	if s := strings.TrimSpace(f.Symbols[m]); s != "" {
		return s
	}
	return m.String()
}

// TimeVariable returns the variable holding time: the one with TIMEVAL,
// else a heading variable named like a time variable ("Tid", "år",
// "year", "period", "kvartal", "måned"), else nil.
func (f *File) TimeVariable() *Variable {
	var found *Variable
	for _, v := range f.Variables() {
		if v.TimeVal != nil {
			if found != nil {
				return nil
			}
			found = v
		}
	}
	if found != nil {
		return found
	}
	for _, v := range f.Heading {
		if timeNames[strings.ToLower(strings.TrimSpace(v.Name))] || strings.EqualFold(v.Code, "Tid") {
			return v
		}
	}
	return nil
}

// timeNames are the names of time variables without TIMEVAL.
var timeNames = map[string]bool{"tid": true, "år": true, "year": true, "years": true, "period": true,
	"periode": true, "periodo": true, "kvartal": true, "quarter": true, "måned": true, "month": true,
	"time": true, "vuosi": true, "kuukausi": true, "år/måned": true}

// Variable is one dimension of the cube.
type Variable struct {
	Name    string   // the name in STUB or HEADING, default language
	Code    string   // VARIABLECODE, e.g. SSB's "Region" or "Tid"; "" if absent
	Values  []string // VALUES: the labels of the categories, in cube order
	Codes   []string // CODES, as many as Values; nil when absent
	Heading bool     // whether the variable is in HEADING rather than STUB
	// TimeVal is TIMEVAL, nil when absent or inconsistent with Values.
	TimeVal *TimeVal
	// Elimination is ELIMINATION: "YES", "NO", a value, or "".
	Elimination string
	// MetaID is META-ID("variable"), e.g. a KLASS URN.
	MetaID string
	// Keys is KEYS("variable"): "VALUE" or "CODE" when the data rows
	// start with this variable's value or code; "" otherwise.
	Keys string
}

// ID returns the code of category i: its CODES entry, or its value.
func (v *Variable) ID(i int) string {
	if v.Codes != nil {
		return v.Codes[i]
	}
	return v.Values[i]
}

// TimeVal is the TIMEVAL of a time variable.
type TimeVal struct {
	// Unit is the TLIST unit letter: 'A' (years), 'H' (half-years), 'Q'
	// (quarters; SSB writes 'K'), 'M' (months) or 'W' (weeks).
	Unit byte
	// Codes are the time codes, one per value, as written: "2003",
	// "19951" (1995 H1), "2015K1", "200601".
	Codes []string
}

// Mark is the missing-value marker of a cell. The PX specification has
// six dot markers, written "." to "......" and shown as DATASYMBOL1 to
// DATASYMBOL6, and "-" (DATASYMBOLNIL), a true zero.
type Mark uint8

// The markers.
const (
	MarkNone Mark = iota // a number
	MarkDot1             // "."
	MarkDot2             // ".."
	MarkDot3             // "..."
	MarkDot4             // "...."
	MarkDot5             // "....."
	MarkDot6             // "......"
	MarkNil              // "-"
)

// String returns the marker as written in DATA, or "" for MarkNone.
func (m Mark) String() string {
	switch {
	case m >= MarkDot1 && m <= MarkDot6:
		return "......"[:m]
	case m == MarkNil:
		return "-"
	}
	return ""
}
