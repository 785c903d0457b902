package jsonstat

import "slices"

// maxNesting mirrors encoding/json's nesting limit, so both agree on
// which documents are valid.
const maxNesting = 10000

// minSpan is the smallest container whose end is remembered. Smaller
// ones are cheaper to rescan than to look up, and skipping them bounds
// the table to a small fraction of the input size.
const minSpan = 128

// span records where a container (object or array) opens and closes.
type span struct{ open, close int }

// checkJSON reports whether b is one valid JSON value (RFC 8259, like
// json.Valid, which it replaces because it is several times faster
// and, in the same pass, records the extent of every large container).
// The walker later uses that table to jump over nested values instead of
// rescanning them at every level of the document.
func checkJSON(b []byte) ([]span, bool) {
	type open struct{ at int }
	var stack []open
	var spans []span
	closeTop := func(i int) {
		o := stack[len(stack)-1].at
		stack = stack[:len(stack)-1]
		if i-o >= minSpan {
			spans = append(spans, span{o, i})
		}
	}
	i := 0
	for {
		// A value is expected at i.
		i = skipWS(b, i)
		if i >= len(b) {
			return nil, false
		}
		var ok bool
		switch b[i] {
		case '{':
			if len(stack) >= maxNesting {
				return nil, false
			}
			stack = append(stack, open{i})
			i = skipWS(b, i+1)
			if i < len(b) && b[i] == '}' {
				closeTop(i)
				i++
				break
			}
			if i, ok = checkKey(b, i); !ok {
				return nil, false
			}
			continue
		case '[':
			if len(stack) >= maxNesting {
				return nil, false
			}
			stack = append(stack, open{i})
			i = skipWS(b, i+1)
			if i < len(b) && b[i] == ']' {
				closeTop(i)
				i++
				break
			}
			continue
		case '"':
			if i, ok = checkString(b, i); !ok {
				return nil, false
			}
		case 't':
			if i, ok = checkLiteral(b, i, "true"); !ok {
				return nil, false
			}
		case 'f':
			if i, ok = checkLiteral(b, i, "false"); !ok {
				return nil, false
			}
		case 'n':
			if i, ok = checkLiteral(b, i, "null"); !ok {
				return nil, false
			}
		default:
			if i, ok = checkNumber(b, i); !ok {
				return nil, false
			}
		}
		// After a value: close containers until a comma asks for the next.
		for {
			i = skipWS(b, i)
			if len(stack) == 0 {
				if i != len(b) {
					return nil, false
				}
				slices.SortFunc(spans, func(x, y span) int { return x.open - y.open })
				return spans, true
			}
			if i >= len(b) {
				return nil, false
			}
			top := b[stack[len(stack)-1].at]
			c := b[i]
			if c == ',' {
				i++
				if top == '{' {
					if i, ok = checkKey(b, skipWS(b, i)); !ok {
						return nil, false
					}
				}
				break
			}
			if (c == '}' && top == '{') || (c == ']' && top == '[') {
				closeTop(i)
				i++
				continue
			}
			return nil, false
		}
	}
}

// checkKey checks `"key" :` at b[i] and returns the index after the colon.
func checkKey(b []byte, i int) (int, bool) {
	if i >= len(b) || b[i] != '"' {
		return i, false
	}
	i, ok := checkString(b, i)
	if !ok {
		return i, false
	}
	i = skipWS(b, i)
	if i >= len(b) || b[i] != ':' {
		return i, false
	}
	return i + 1, true
}

// checkString checks the string literal at b[i] and returns the index
// after its closing quote. Like encoding/json it rejects raw control
// characters and bad escapes but does not insist on valid UTF-8.
func checkString(b []byte, i int) (int, bool) {
	i++
	for i < len(b) {
		c := b[i]
		switch {
		case c == '"':
			return i + 1, true
		case c < 0x20:
			return i, false
		case c == '\\':
			if i+1 >= len(b) {
				return i, false
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(b) {
					return i, false
				}
				for _, h := range b[i+2 : i+6] {
					if !isHex(h) {
						return i, false
					}
				}
				i += 6
			default:
				return i, false
			}
		default:
			i++
		}
	}
	return i, false
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func checkLiteral(b []byte, i int, lit string) (int, bool) {
	if len(b)-i < len(lit) || string(b[i:i+len(lit)]) != lit {
		return i, false
	}
	return i + len(lit), true
}

// checkNumber checks -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at b[i].
func checkNumber(b []byte, i int) (int, bool) {
	digits := func() bool {
		start := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i > start
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		digits()
	default:
		return i, false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			return i, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			return i, false
		}
	}
	return i, true
}
