package nb_test

import (
	"testing"

	"github.com/virk-analyse/virk/nb"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

func TestNumber(t *testing.T) {
	tests := []struct {
		name string
		v    float64
		dec  int
		want string
	}{
		{"grouping", 1422.34, 1, "1\u00a0422,3"},
		{"millions", 3600000, 0, "3\u00a0600\u00a0000"},
		{"negative", -16.16, 1, "\u221216,2"},
		{"trend", -237.6667, 0, "\u2212238"},
		{"half up", 2.25, 1, "2,3"},
		{"half up binary", 1.005, 2, "1,01"},
		{"negative half", -2.5, 0, "\u22123"},
		{"no negative zero", -0.04, 1, "0,0"},
		{"small", 0.3, 1, "0,3"},
		{"hundreds", 999.96, 1, "1\u00a0000,0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nb.Number(tt.v, tt.dec); got != tt.want {
				t.Errorf("Number(%v, %d) = %q, want %q", tt.v, tt.dec, got, tt.want)
			}
		})
	}
}

func TestPercentAndDecimal(t *testing.T) {
	if got, want := nb.Percent(3.8, 1), "3,8\u00a0%"; got != want {
		t.Errorf("Percent = %q, want %q", got, want)
	}
	if got, want := nb.Decimal(-1422.34, 1), "\u22121422,3"; got != want {
		t.Errorf("Decimal = %q, want %q", got, want)
	}
	a, b := 0.1, 0.2 // variables: a constant 0.1+0.2 is exactly 0.3
	if got, want := nb.Decimal(a+b, -1), "0,30000000000000004"; got != want {
		t.Errorf("Decimal(-1) = %q, want %q", got, want)
	}
}

// TestMatchesCLDR checks the hand-written format against golang.org/x/text's
// CLDR data for bokmål, so that the two never drift apart.
func TestMatchesCLDR(t *testing.T) {
	p := message.NewPrinter(language.MustParse("nb"))
	for _, v := range []float64{0, 1, -1, 12.5, 1422.3, -16.2, 1234567.891, 999999.9, -0.5} {
		for dec := 0; dec <= 3; dec++ {
			want := p.Sprint(number.Decimal(nb.Round(v, dec), number.Scale(dec)))
			if got := nb.Number(v, dec); got != want {
				t.Errorf("Number(%v, %d) = %q, CLDR says %q", v, dec, got, want)
			}
		}
	}
}
