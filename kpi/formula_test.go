package kpi_test

import (
	"math"
	"strings"
	"testing"

	"github.com/virk-analyse/virk/kpi"
)

func TestParseFormula(t *testing.T) {
	vals := map[string]float64{"lonn": 573.9, "brutto": 1809.2, "a-b": 4, "x.y": 2, "zero": 0}
	get := func(id string) (float64, bool) { v, ok := vals[id]; return v, ok }
	tests := []struct {
		src  string
		want float64
		ok   bool
		refs string
	}{
		{"lonn / brutto * 100", 573.9 / 1809.2 * 100, true, "lonn,brutto"},
		{"1 + 2 * 3", 7, true, ""},
		{"(1 + 2) * 3", 9, true, ""},
		{"-lonn + 1", -572.9, true, "lonn"},
		{"10 - 4 - 3", 3, true, ""},
		{"[a-b] / x.y", 2, true, "a-b,x.y"},
		{"lonn / zero", 0, false, "lonn,zero"},
		{"missing * 2", 0, false, "missing"},
		{"lonn + lonn", 1147.8, true, "lonn"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			f, err := kpi.ParseFormula(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := f.Eval(get)
			if ok != tt.ok || ok && math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("Eval = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
			if refs := strings.Join(f.Refs(), ","); refs != tt.refs {
				t.Errorf("Refs = %q, want %q", refs, tt.refs)
			}
		})
	}
}

func TestParseFormula_Err(t *testing.T) {
	tests := []struct{ src, msg string }{
		{"", "column 1: unexpected end"},
		{"a +", "column 4: unexpected end"},
		{"(a + b", "column 7: missing )"},
		{"a b", `column 3: unexpected "b"`},
		{"a + * b", `column 5: unexpected "*"`},
		{"1.2.3", `"1.2.3" is not a number`},
		{"a # b", `column 3: unexpected "#"`},
		{"[] + 1", "empty indicator ID"},
		{strings.Repeat("(", 3000), "at most 2000"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, err := kpi.ParseFormula(tt.src)
			if err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want it to contain %q", err, tt.msg)
			}
		})
	}
}

func FuzzParseFormula(f *testing.F) {
	for _, s := range []string{"a / b * 100", "-(x + [y-z]) / 3.5", "((", "1..2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		fm, err := kpi.ParseFormula(src)
		if err != nil {
			return
		}
		fm.Eval(func(string) (float64, bool) { return 1, true })
	})
}
