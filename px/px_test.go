package px

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const dataDir = "../../shared/data/px"

func readShared(tb testing.TB, rel string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(dataDir, rel))
	if os.IsNotExist(err) {
		tb.Skipf("%s not found", rel)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// minimal is a small valid file; tests change one statement of it.
const minimal = `CODEPAGE="utf-8";
MATRIX="T1";
SUBJECT-CODE="X";
SUBJECT-AREA="Test";
TITLE="Test";
CONTENTS="Test";
UNITS="antall";
DECIMALS=1;
STUB="region";
HEADING="år";
VALUES("region")="0301 Oslo","3201 Bærum";
CODES("region")="0301","3201";
VALUES("år")="2022","2023";
TIMEVAL("år")=TLIST(A1),"2022","2023";
DATA=
1.5 "." 
"-" 4;
`

func TestParse_Minimal(t *testing.T) {
	f, err := Parse([]byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Variable("region").Values[1]; got != "3201 Bærum" {
		t.Errorf("value %q, want «3201 Bærum»", got)
	}
	if f.Cells[0] != 1.5 || f.Cells[3] != 4 || f.Marks[1] != MarkDot1 || f.Marks[2] != MarkNil || f.Marks[0] != MarkNone {
		t.Errorf("cells %v, marks %v", f.Cells, f.Marks)
	}
	if tv := f.TimeVariable(); tv == nil || tv.TimeVal.Unit != 'A' || tv.TimeVal.Codes[1] != "2023" {
		t.Errorf("time variable %+v", tv)
	}
	if f.Symbol(MarkDot1) != "." || f.Symbol(MarkNil) != "-" {
		t.Errorf("symbols %q %q", f.Symbol(MarkDot1), f.Symbol(MarkNil))
	}
}

// TestParse_Faults changes one statement of minimal and checks the fault:
// its line, keyword, kind, and whether it is fatal.
func TestParse_Faults(t *testing.T) {
	tests := []struct {
		name, old, new string
		line           int
		keyword        string
		kind           error
		fatal          bool
	}{
		{"StrayQuote", `MATRIX="T1";`, `MATRIX="T"1";`, 2, "MATRIX", ErrSyntax, true},
		{"NoMatrix", "MATRIX=\"T1\";\n", "", 14, "MATRIX", ErrMissing, true},
		{"UnknownVariable", `VALUES("år")=`, `VALUES("aar")=`, 13, `VALUES("aar")`, ErrReference, true},
		{"CodeCount", `CODES("region")="0301","3201";`, `CODES("region")="0301";`, 12, `CODES("region")`, ErrCount, true},
		{"Decimals", `DECIMALS=1;`, `DECIMALS=x;`, 8, "DECIMALS", ErrValue, true},
		{"TooFewCells", `"-" 4;`, `"-";`, 17, "DATA", ErrCount, true},
		{"BadCell", `"-" 4;`, `"-" 4x;`, 17, "DATA", ErrValue, true},
		{"NoteQuote", `TITLE="Test";`, "TITLE=\"Test\";\nNOTE=\"a\"b\";", 6, "NOTE", ErrSyntax, false},
		{"TimevalCount", `TLIST(A1),"2022","2023"`, `TLIST(A1),"2022"`, 14, `TIMEVAL("år")`, ErrCount, false},
		{"Language", `TITLE="Test";`, "TITLE=\"Test\";\nTITLE[xx]=\"Test\";", 6, "TITLE[xx]", ErrReference, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(minimal, tt.old, tt.new, 1)
			if src == minimal {
				t.Fatal("the change does not apply")
			}
			f, err := Parse([]byte(src))
			var faults []*ParseError
			if tt.fatal {
				var es Errors
				if !errors.As(err, &es) {
					t.Fatalf("error %v, want Errors", err)
				}
				faults = es
			} else {
				if err != nil {
					t.Fatal(err)
				}
				faults = f.Warnings
			}
			if len(faults) == 0 {
				t.Fatal("no fault")
			}
			e := faults[0]
			if e.Line != tt.line || e.Keyword != tt.keyword || !errors.Is(e, tt.kind) || e.Fatal != tt.fatal {
				t.Errorf("fault %q (line %d, %s, fatal %v), want line %d, %s, %v, fatal %v",
					e, e.Line, e.Keyword, e.Fatal, tt.line, tt.keyword, tt.kind, tt.fatal)
			}
		})
	}
}

// TestParse_Keys reads a sparse file: rows with keys, a row left out
// being zeros.
func TestParse_Keys(t *testing.T) {
	src := strings.Replace(minimal, `DATA=
1.5 "." 
"-" 4;`, `KEYS("region")=CODE;
DATA=
"3201",7,8;`, 1)
	f, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{0, 0, 7, 8}; !equal(f.Cells, want) || f.Marks != nil {
		t.Errorf("cells %v (marks %v), want %v", f.Cells, f.Marks, want)
	}
	_, err = Parse([]byte(strings.Replace(src, `"3201",7,8`, `"9999",7,8`, 1)))
	if err == nil || !strings.Contains(err.Error(), `KEYS("region"): the key "9999" is not a code`) {
		t.Errorf("error %v, want the unknown key", err)
	}
}

func equal(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestExpandRange(t *testing.T) {
	got, ok := expandRange('Q', "20233", "20242")
	if !ok || strings.Join(got, " ") != "20233 20234 20241 20242" {
		t.Errorf("got %v %v", got, ok)
	}
	src := strings.Replace(minimal, `TLIST(A1),"2022","2023"`, `TLIST(A1,"2022"-"2023")`, 1)
	f, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if tv := f.Variable("år").TimeVal; tv == nil || strings.Join(tv.Codes, " ") != "2022 2023" {
		t.Errorf("TIMEVAL %+v", tv)
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"0", 0, true}, {"-28", -28, true}, {"141441.40", 141441.4, true}, {"77.10000000", 77.1, true},
		{"0.1", 0.1, true}, {"1e3", 1000, true}, {"12345678901234567890", 12345678901234567890, true},
		{"+", 0, false}, {"-.", 0, false}, {"1.2.3", 0, false}, {"abc", 0, false}, {"", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseNumber([]byte(tt.in))
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("parseNumber(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestParse_Shared reads the files that the importer cannot take (weeks,
// no time variable) and the data symbols, at the level of this package.
func TestParse_Shared(t *testing.T) {
	f, err := Parse(readShared(t, "pcaxis-serializers/WeeklyStatisticsWithTwoContent.px"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{17898, 92.67, 125, 105.03}; !equal(f.Cells, want) {
		t.Errorf("weekly cells %v, want %v", f.Cells, want)
	}
	if tv := f.TimeVariable(); tv == nil || tv.TimeVal.Unit != 'W' || tv.TimeVal.Codes[0] != "2023U29" {
		t.Errorf("weekly time variable %+v", tv)
	}
	f, err = Parse(readShared(t, "pyaxis/14001.px"))
	if err != nil {
		t.Fatal(err)
	}
	dots := 0
	for _, m := range f.Marks {
		if m == MarkDot2 {
			dots++
		}
	}
	if len(f.Cells) != 8064 || f.Cells[0] != 162743 || f.Cells[7] != 28138 || f.Cells[159] != 422 || dots != 2260 {
		t.Errorf("14001: %d cells, 0=%v 7=%v 159=%v, %d \"..\"", len(f.Cells), f.Cells[0], f.Cells[7], f.Cells[159], dots)
	}
	if v := f.Heading[0].Name; v != "sexo " {
		t.Errorf("heading %q, want «sexo » with its space", v)
	}
	f, err = Parse(readShared(t, "pxweb-example/BE0101F1datasymbols.px"))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{1: "one", 3: "two", 5: "three", 7: "four", 9: "five", 11: "six"} {
		if want != "" && f.Symbol(f.Marks[i]) != want {
			t.Errorf("cell %d: %q, want %q", i, f.Symbol(f.Marks[i]), want)
		}
	}
	if f.Variable("region").Values[2] != "0114 Upplands Väsby" {
		t.Errorf("region %q", f.Variable("region").Values[2])
	}
}

// TestDecode checks the character sets: the declared one, and the bytes
// overruling it with a warning.
func TestDecode(t *testing.T) {
	tests := []struct {
		name, in, want, used string
		warn                 bool
	}{
		{"ANSI", "CHARSET=\"ANSI\";\nA=\"\xe6\xf8\xe5\x92\";", "æøå’", "windows-1252", false},
		{"Latin1", "CODEPAGE=\"iso-8859-1\";\nA=\"\xe6\xf8\xe5\";", "æøå", "iso-8859-1", false},
		{"UTF8", "CODEPAGE=\"utf-8\";\nA=\"æøå\";", "æøå", "utf-8", false},
		{"UTF8AsLatin", "CODEPAGE=\"iso-8859-15\";\nA=\"æøå\";", "æøå", "utf-8", true},
		{"C1AsLatin", "CODEPAGE=\"iso-8859-15\";\nA=\"d\x92a\";", "d’a", "windows-1252", true},
		{"LatinAsUTF8", "CODEPAGE=\"utf-8\";\nA=\"\xe6\";", "æ", "windows-1252", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, used, _, warn := decode([]byte(tt.in))
			if !strings.Contains(string(text), tt.want) || used != tt.used || (warn != nil) != tt.warn {
				t.Errorf("decode = %q, %s, %v; want %q, %s, warning %v", text, used, warn, tt.want, tt.used, tt.warn)
			}
			if warn != nil && (warn.Line != 1 || !errors.Is(warn, ErrCharset)) {
				t.Errorf("warning %v, want one on line 1 wrapping ErrCharset", warn)
			}
		})
	}
}
