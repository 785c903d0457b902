package px

import (
	"bytes"
	"fmt"
)

// Keyword is one statement of the file, KEYWORD[lang]("sub","keys")=values;
// as written, with quoted strings joined across lines.
type Keyword struct {
	Name    string   // the keyword in capitals, e.g. "VALUES"
	Lang    string   // the language in brackets; "" for none
	Subkeys []string // the strings in parentheses, e.g. the variable
	Values  []string // the items of the value list, unquoted
	Line    int      // the line where the statement starts
}

// String writes the keyword part as in the file, e.g. `VALUES[sv]("ålder")`,
// for messages.
func (k *Keyword) String() string {
	var b bytes.Buffer
	b.WriteString(k.Name)
	if k.Lang != "" {
		b.WriteString("[" + k.Lang + "]")
	}
	if k.Subkeys != nil {
		b.WriteByte('(')
		for i, s := range k.Subkeys {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "%q", s)
		}
		b.WriteByte(')')
	}
	return b.String()
}

// Value returns the first item of the value list, or "".
func (k *Keyword) Value() string {
	if len(k.Values) == 0 {
		return ""
	}
	return k.Values[0]
}

// scanner walks the decoded text of a file statement by statement.
type scanner struct {
	// scratch collects the strings of a list before they are copied to
	// a slice of the right size: most statements hold a few, and growing
	// each list by appending costs more than scanning it.
	scratch []string
	b       []byte
	pos     int
	line    int // line of pos
	at      int // position line was counted to
}

// lineAt returns the 1-based line of position i; i never goes back.
func (s *scanner) lineAt(i int) int {
	if i < s.at {
		return s.line - bytes.Count(s.b[i:s.at], []byte{'\n'})
	}
	s.line += bytes.Count(s.b[s.at:i], []byte{'\n'})
	s.at = i
	return s.line
}

func (s *scanner) skipSpace() {
	for s.pos < len(s.b) {
		switch s.b[s.pos] {
		case ' ', '\t', '\r', '\n':
			s.pos++
		default:
			return
		}
	}
}

// syntaxError is a fault found while scanning, with its position.
type syntaxError struct {
	pos int
	msg string
}

// statement scans one statement up to its ";". For DATA it stops after
// the "=" and leaves the cells to the caller. On a syntax fault it returns
// the keyword as far as it was read and the fault.
func (s *scanner) statement() (*Keyword, *syntaxError) {
	s.skipSpace()
	start := s.pos
	k := &Keyword{}
	for s.pos < len(s.b) && isNameByte(s.b[s.pos]) {
		s.pos++
	}
	k.Name = string(s.b[start:s.pos])
	k.Line = s.lineAt(start)
	if k.Name == "" {
		return k, &syntaxError{s.pos, fmt.Sprintf("expected a keyword, found %s", s.found())}
	}
	if s.pos < len(s.b) && s.b[s.pos] == '[' {
		end := bytes.IndexAny(s.b[s.pos:], "]\n=")
		if end < 0 || s.b[s.pos+end] != ']' {
			return k, &syntaxError{s.pos, "the language in [ ] is not closed"}
		}
		k.Lang = string(s.b[s.pos+1 : s.pos+end])
		s.pos += end + 1
	}
	if s.pos < len(s.b) && s.b[s.pos] == '(' {
		s.pos++
		s.scratch = s.scratch[:0]
		for {
			s.skipSpace()
			if s.pos >= len(s.b) || s.b[s.pos] != '"' {
				return k, &syntaxError{s.pos, fmt.Sprintf("expected a quoted string in ( ), found %s", s.found())}
			}
			str, err := s.quoted()
			if err != nil {
				return k, err
			}
			s.scratch = append(s.scratch, str)
			s.skipSpace()
			if s.pos < len(s.b) && s.b[s.pos] == ',' {
				s.pos++
				continue
			}
			if s.pos < len(s.b) && s.b[s.pos] == ')' {
				s.pos++
				k.Subkeys = append(make([]string, 0, len(s.scratch)), s.scratch...)
				break
			}
			return k, &syntaxError{s.pos, fmt.Sprintf("expected , or ) after a string in ( ), found %s", s.found())}
		}
	}
	if s.pos >= len(s.b) || s.b[s.pos] != '=' {
		return k, &syntaxError{s.pos, fmt.Sprintf("expected = after the keyword, found %s", s.found())}
	}
	s.pos++
	if k.Name == "DATA" {
		return k, nil
	}
	s.scratch = s.scratch[:0]
	err := s.values()
	if len(s.scratch) > 0 {
		k.Values = append(make([]string, 0, len(s.scratch)), s.scratch...)
	}
	return k, err
}

// values scans the value list of a statement through its ";" into
// s.scratch.
func (s *scanner) values() *syntaxError {
	for {
		s.skipSpace()
		if s.pos >= len(s.b) {
			return &syntaxError{s.pos, "the file ends before the ; that closes the statement"}
		}
		switch c := s.b[s.pos]; {
		case c == '"':
			str, err := s.quoted()
			if err != nil {
				return err
			}
			// Strings on consecutive lines are one string.
			for {
				s.skipSpace()
				if s.pos >= len(s.b) || s.b[s.pos] != '"' {
					break
				}
				more, err := s.quoted()
				if err != nil {
					return err
				}
				str += more
			}
			s.scratch = append(s.scratch, str)
		case c == ';' || c == ',':
			return &syntaxError{s.pos, fmt.Sprintf("expected a value, found %s", s.found())}
		default:
			start := s.pos
			if bytes.HasPrefix(s.b[s.pos:], []byte("TLIST(")) {
				end := bytes.IndexByte(s.b[s.pos:], ')')
				nl := bytes.IndexByte(s.b[s.pos:], '\n')
				if end < 0 || nl >= 0 && nl < end {
					return &syntaxError{s.pos, "TLIST( is not closed"}
				}
				s.pos += end + 1
			} else {
				for s.pos < len(s.b) && !isDelim(s.b[s.pos]) {
					s.pos++
				}
				if s.pos < len(s.b) && s.b[s.pos] == '"' {
					return &syntaxError{s.pos, fmt.Sprintf("a quote in the middle of the value %s", s.b[start:s.pos])}
				}
			}
			s.scratch = append(s.scratch, string(s.b[start:s.pos]))
			s.skipSpace()
		}
		if s.pos >= len(s.b) {
			return &syntaxError{s.pos, "the file ends before the ; that closes the statement"}
		}
		switch s.b[s.pos] {
		case ';':
			s.pos++
			return nil
		case ',':
			s.pos++
		default:
			return &syntaxError{s.pos, fmt.Sprintf("expected , or ; after a value, found %s (a stray quote?)", s.found())}
		}
	}
}

// quoted scans a string in double quotes. PX strings hold no quotes; SSB
// lets long notes run over line breaks, which are kept.
func (s *scanner) quoted() (string, *syntaxError) {
	start := s.pos + 1
	end := bytes.IndexByte(s.b[start:], '"')
	if end < 0 {
		return "", &syntaxError{s.pos, "a string is not closed before the end of the file (a stray quote?)"}
	}
	s.pos = start + end + 1
	return string(s.b[start : start+end]), nil
}

// recover skips past the end of a broken statement: the next ";" that
// ends a line.
func (s *scanner) recover() {
	for s.pos < len(s.b) {
		i := bytes.IndexByte(s.b[s.pos:], ';')
		if i < 0 {
			s.pos = len(s.b)
			return
		}
		s.pos += i + 1
		j := s.pos
		for j < len(s.b) && (s.b[j] == ' ' || s.b[j] == '\t' || s.b[j] == '\r') {
			j++
		}
		if j >= len(s.b) || s.b[j] == '\n' {
			return
		}
	}
}

// found describes the text at the position for a message.
func (s *scanner) found() string {
	if s.pos >= len(s.b) {
		return "the end of the file"
	}
	end := min(s.pos+12, len(s.b))
	if i := bytes.IndexByte(s.b[s.pos:end], '\n'); i >= 0 {
		end = s.pos + i
	}
	if end == s.pos {
		return "the end of the line"
	}
	return fmt.Sprintf("%q", s.b[s.pos:end])
}

func isNameByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '$'
}

func isDelim(c byte) bool {
	switch c {
	case ',', ';', '"', ' ', '\t', '\r', '\n':
		return true
	}
	return false
}
