package chart

import (
	"slices"
	"testing"
)

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  Sykefravær  ", "Sykefravær"},
		{"HR\tog\nservice", "HR og service"},
		{"a\x00b\x1bc", "a b c"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
		{"keeps \uFFFD", "keeps \uFFFD"},
		{"noncharacter \uFFFE", "noncharacter \uFFFD"},
		{"zero\u200bwidth", "zero width"},
	}
	for _, tt := range tests {
		if got := clean(tt.in); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWrap(t *testing.T) {
	lines, ok := wrap("Plan, miljø og kultur", fontSize, 80, 3, false)
	if !ok || len(lines) != 2 {
		t.Errorf("wrap = %q, %v", lines, ok)
	}
	if _, ok := wrap("virksomhetsstyring", fontSize, 60, 3, false); ok {
		t.Error("a word wider than the room fits")
	}
	lines, ok = wrap("a b c d e f g h i j k l m n o p", fontSize, 20, 2, true)
	if ok || len(lines) != 2 || !hasSuffix(lines[1], ellipsis) {
		t.Errorf("wrap with truncation = %q, %v", lines, ok)
	}
	lines, _ = wrap("HR og service", fontSize, 1, 1, false)
	if len(lines) != 1 {
		t.Errorf("one line allowed, got %q", lines)
	}
}

func TestWrapBalanced(t *testing.T) {
	s := "Brutto driftsutgifter til Kontroll og revisjon, pr. innb."
	greedy, _ := wrap(s, fontSize, 256, 3, true)
	balanced, _ := wrapBalanced(s, fontSize, 256, 3, true)
	if len(balanced) != len(greedy) {
		t.Fatalf("balanced %q has another number of lines than %q", balanced, greedy)
	}
	widest := func(ls []string) float64 {
		m := 0.0
		for _, l := range ls {
			m = max(m, textWidth(l, fontSize))
		}
		return m
	}
	if widest(balanced) >= widest(greedy) {
		t.Errorf("balanced %q not narrower than %q", balanced, greedy)
	}
	if slices.Contains(balanced, "innb.") {
		t.Errorf("orphan in %q", balanced)
	}
}

func TestTruncate(t *testing.T) {
	s := "Økonomi og virksomhetsstyring"
	got := truncate(s, fontSize, 80)
	if textWidth(got, fontSize) > 80 || !hasSuffix(got, ellipsis) {
		t.Errorf("truncate = %q (%g px)", got, textWidth(got, fontSize))
	}
	if truncate("HR", fontSize, 80) != "HR" {
		t.Error("a short text was cut")
	}
}

func TestLowerFirst(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Sykefravær", "sykefravær"},
		{"ASSS-snitt", "ASSS-snitt"},
		{"KOSTRA indikatorer", "KOSTRA indikatorer"},
		{"årsverk", "årsverk"},
		{"Ø", "ø"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := lowerFirst(tt.in); got != tt.want {
			t.Errorf("lowerFirst(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTextWidth checks the estimate against getComputedTextLength() in
// Chromium 156 with Liberation Sans (Arial's metrics) at 12 px: it may be
// wider, by at most 10 %, never narrower.
func TestTextWidth(t *testing.T) {
	measured := map[string]float64{
		"Bærum kommune":                 95.38,
		"2018":                          26.70,
		"7,0\u00a0%":                    30.69,
		"virksomhetsstyring":            99.36,
		"Økonomi og virksomhetsstyring": 167.39,
		"Tidsseriebrudd":                78.94,
		"Mål: 199,8 kWh/m²":             100.70,
		"\u2212100":                     27.03,
		"MMMMWWWW":                      85.30,
		"Kemneren i Asker og Bærum":     154.08,
		"Snitt = 100":                   57.72,
		"ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ": 240.70,
		"abcdefghijklmnopqrstuvwxyzæøå": 177.42,
		"0123456789":                    66.75,
	}
	for s, w := range measured {
		got := textWidth(s, 12)
		if got < w || got > w*1.10 {
			t.Errorf("textWidth(%q) = %.2f, measured %.2f", s, got, w)
		}
	}
}

func hasSuffix(s, suffix string) bool {
	return len(s) >= len(suffix) && s[len(s)-len(suffix):] == suffix
}
