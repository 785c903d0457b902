package chart

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Font sizes in pixels. WCAG sets no minimum, but print and low vision do:
// nothing is smaller than 11 px.
const (
	fontSize      = 12 // axes, legend, annotations
	smallFontSize = 11 // value labels
	lineHeight    = 14 // between wrapped lines of 12 px text
	ellipsis      = "…"
)

// fontFamily lists fonts with Arial's metrics first: the label layout
// estimates widths from them, and on a Linux print server system-ui is
// often DejaVu Sans, which is much wider. Every font is a system font.
const fontFamily = "Arial, 'Liberation Sans', 'Helvetica Neue', Helvetica, system-ui, sans-serif"

// textWidth estimates the width in pixels of s set in the chart's font at
// the given size. It errs on the wide side (by 0–8 % against Liberation
// Sans in Chromium, see TestTextWidth), so labels judged to fit do.
func textWidth(s string, size float64) float64 {
	em := 0.0
	for _, r := range s {
		em += runeWidth(r)
	}
	return em * size
}

// runeWidth is the advance of r in em, after Arial's metrics, grouped.
func runeWidth(r rune) float64 {
	switch {
	case strings.ContainsRune("iljIí|!.,:;'\u00a0 ", r):
		return 0.28
	case strings.ContainsRune("ftr()[]/-", r):
		return 0.34
	case strings.ContainsRune("mwMWÆæŒœ%@", r):
		return 0.89
	case r == '\u2212', r == '+', r == '=':
		return 0.59
	case r >= '0' && r <= '9', r == '–':
		return 0.56
	case r == '…' || r == '—':
		return 1.0
	case r < 0x2000 && unicode.IsUpper(r):
		return 0.69
	case r < 0x2000:
		return 0.56
	}
	return 1.0 // symbols, CJK: assume a full em
}

// clean makes caller text safe and tidy for SVG and HTML: invalid UTF-8
// and characters XML cannot hold become U+FFFD, other control characters
// and runs of white space become one space, and the ends are trimmed.
func clean(s string) string {
	var b strings.Builder
	space := false
	for i, r := range s {
		switch {
		case r == utf8.RuneError && isInvalidAt(s, i):
			r = '\uFFFD'
		case r >= 0xFFFE && r <= 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			r = '\uFFFD'
		case unicode.IsSpace(r) || unicode.IsControl(r):
			space = true
			continue
		case r == 0x200B || r == 0xFEFF || r == 0x2028 || r == 0x2029:
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// isInvalidAt reports whether the RuneError at s[i] stands for invalid
// UTF-8 rather than an encoded U+FFFD.
func isInvalidAt(s string, i int) bool {
	_, n := utf8.DecodeRuneInString(s[i:])
	return n == 1
}

// truncate shortens s with an ellipsis so that it fits in maxW pixels.
func truncate(s string, size, maxW float64) string {
	if textWidth(s, size) <= maxW {
		return s
	}
	limit := maxW - textWidth(ellipsis, size)
	w := 0.0
	for i, r := range s {
		w += runeWidth(r) * size
		if w > limit {
			return strings.TrimRight(s[:i], " ,.;:–-") + ellipsis
		}
	}
	return s
}

// wrap breaks s at spaces into lines no wider than maxW. It reports false
// when a single word does not fit or more than maxLines lines are needed;
// with trunc set it then shortens the last line with an ellipsis
// instead.
func wrap(s string, size, maxW float64, maxLines int, trunc bool) ([]string, bool) {
	words := strings.Fields(s)
	var lines []string
	cur := ""
	for i, word := range words {
		next := word
		if cur != "" {
			next = cur + " " + word
		}
		if cur == "" || textWidth(next, size) <= maxW {
			cur = next
			continue
		}
		if len(lines) == maxLines-1 { // the last line takes the rest
			cur += " " + strings.Join(words[i:], " ")
			break
		}
		lines = append(lines, cur)
		cur = word
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	ok := true
	for i, l := range lines {
		if textWidth(l, size) > maxW {
			ok = false
			if trunc {
				lines[i] = truncate(l, size, maxW)
			}
		}
	}
	return lines, ok
}

// lowerFirst lowercases the first letter of a title used inside a
// sentence, unless the first word looks like an acronym ("ASSS", "KOSTRA").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	word, _, _ := strings.Cut(s, " ")
	if len(word) > n {
		r2, _ := utf8.DecodeRuneInString(word[n:])
		if unicode.IsUpper(r2) || unicode.IsDigit(r2) {
			return s
		}
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// wrapBalanced is wrap with lines of even length: it narrows the width as
// far as it can without needing more lines, so that "Brutto driftsutgifter
// til Kontroll og revisjon, pr. innb." does not leave "innb." alone on a
// line.
func wrapBalanced(s string, size, maxW float64, maxLines int, trunc bool) ([]string, bool) {
	lines, ok := wrap(s, size, maxW, maxLines, trunc)
	if !ok || len(lines) < 2 {
		return lines, ok
	}
	lo, hi := 0.0, maxW
	for range 16 { // to within maxW/65536: far below a pixel
		mid := (lo + hi) / 2
		if l, ok := wrap(s, size, mid, maxLines, false); ok && len(l) <= len(lines) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return wrap(s, size, hi, maxLines, false)
}
