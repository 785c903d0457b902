package ingest

import (
	"errors"
	"testing"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		decimal byte
		want    float64
	}{
		{"Integer", "1422", 0, 1422},
		{"DecimalComma", "1422,3", 0, 1422.3},
		{"DecimalPoint", "1422.3", 0, 1422.3},
		{"SpaceThousands", "1 422,3", 0, 1422.3},
		{"NBSPThousands", "1\u00a0422,3", 0, 1422.3},
		{"NarrowNBSPThousands", "1\u202f422,3", 0, 1422.3},
		{"DotThousandsCommaDecimal", "1.422,3", 0, 1422.3},
		{"CommaThousandsDotDecimal", "1,422.3", 0, 1422.3},
		{"DotThousandsMany", "1.422.300", 0, 1422300},
		{"SpaceThousandsMany", "12 345 678", 0, 12345678},
		{"Minus", "-16,2", 0, -16.2},
		{"UnicodeMinus", "−16,2", 0, -16.2},
		{"EnDash", "–16,2", 0, -16.2},
		{"Plus", "+3", 0, 3},
		{"Percent", "3,8 %", 0, 3.8},
		{"PercentTight", "3,8%", 0, 3.8},
		{"NegativePercent", "−16,2 %", 0, -16.2},
		{"Padded", "  1 422,3\u00a0", 0, 1422.3},
		{"LeadingDecimal", ",5", 0, 0.5},
		{"Exponent", "1,5E+03", 0, 1500},
		{"ExponentPoint", "1.42234E3", 0, 1422.34},
		{"NegativeExponent", "2e-3", 0, 0.002},
		{"RawXLSX", "1422.3399999999999", 0, 1422.3399999999999},
		{"ExactDouble", "0.1", 0, 0.1},
		{"Zero", "0", 0, 0},
		{"ForcedPoint", "1,422.5", '.', 1422.5},
		{"ForcedPointCommaThousands", "1,422", '.', 1422},
		{"ForcedComma", "1.422", ',', 1422},
		{"ForcedCommaDecimal", "1,5", ',', 1.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseNumber(tt.in, tt.decimal)
			if err != nil {
				t.Fatalf("ParseNumber(%q) error: %v", tt.in, err)
			}
			if got != tt.want {
				t.Fatalf("ParseNumber(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseNumber_Error(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		decimal byte
		want    string
	}{
		{"RunTogether", "1,2,3", 0, "verdien «1,2,3» er ikke et tall (forventet f.eks. 1 422,3)"},
		{"Empty", "", 0, "verdien «» er ikke et tall (forventet f.eks. 1 422,3)"},
		{"Text", "abc", 0, "verdien «abc» er ikke et tall (forventet f.eks. 1 422,3)"},
		{"BadGroup", "14 22", 0, "verdien «14 22» er ikke et tall (forventet f.eks. 1 422,3)"},
		{"LongFirstGroup", "1422 300", 0, "verdien «1422 300» er ikke et tall (forventet f.eks. 1 422,3)"},
		{"TwoDecimals", "1,422,3.5.5", 0, "verdien «1,422,3.5.5» er ikke et tall (forventet f.eks. 1 422,3)"},
		{"GroupAfterDecimal", "1,5 000", 0, "verdien «1,5 000» er ikke et tall (forventet f.eks. 1 422,3)"},
		{"CommaWhenPointDecimal", "1422,3", '.', "verdien «1422,3» er ikke et tall (forventet f.eks. 1422.3)"},
		{"OnlySign", "-", 0, "verdien «-» er ikke et tall (forventet f.eks. 1 422,3)"},
		{"BadExponent", "1e", 0, "verdien «1e» er ikke et tall (forventet f.eks. 1 422,3)"},
		{"Inf", "Inf", 0, "verdien «Inf» er ikke et tall (forventet f.eks. 1 422,3)"},
		{"Hex", "0x10", 0, "verdien «0x10» er ikke et tall (forventet f.eks. 1 422,3)"},
		{"Underscore", "1_000", 0, "verdien «1_000» er ikke et tall (forventet f.eks. 1 422,3)"},
		{"Range", "1e999", 0, "verdien «1e999» er for stor til å lagres"},
		{"ExcelError", "#DIV/0!", 0, "cellen har Excel-feilen «#DIV/0!», ikke et tall"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseNumber(tt.in, tt.decimal)
			if err == nil {
				t.Fatalf("ParseNumber(%q) gave no error", tt.in)
			}
			if !errors.Is(err, ErrNumber) {
				t.Errorf("error %v is not ErrNumber", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got: %s\nwant: %s", err, tt.want)
			}
		})
	}
}

// The hot path must not allocate: a large import parses millions.
func TestParseNumber_Allocs(t *testing.T) {
	n := testing.AllocsPerRun(100, func() {
		for _, s := range []string{"1 422,3", "1422.3", "−16,2", "3,8 %", "1\u00a0422\u00a0300,25"} {
			if _, err := parseNumber(s, 0); err != nil {
				t.Fatal(err)
			}
		}
	})
	if n != 0 {
		t.Errorf("parseNumber allocates %v times per run", n)
	}
}

func BenchmarkParseNumber(b *testing.B) {
	for b.Loop() {
		parseNumber("1 422,3", 0)
	}
}
