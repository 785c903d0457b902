package peer

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// ErrGroupFile is wrapped by every fault in a group file.
var ErrGroupFile = errors.New("feil i gruppefilen")

// GroupFileError says where in a group file something is wrong.
type GroupFileError struct {
	Line int
	Err  error
}

func (e *GroupFileError) Error() string { return fmt.Sprintf("linje %d: %v", e.Line, e.Err) }

// Unwrap returns ErrGroupFile and the cause.
func (e *GroupFileError) Unwrap() []error { return []error{ErrGroupFile, e.Err} }

// groupColumns are the names a group file's header may use, bokmål or
// English.
var groupColumns = map[string]string{
	"gruppe": "group", "group": "group",
	"navn": "name", "name": "name", "gruppenavn": "name",
	"kommune": "member", "kommunenummer": "member", "municipality": "member", "member": "member", "medlem": "member", "enhet": "member",
	"fra": "from", "from": "from",
	"til": "to", "to": "to",
}

// ReadGroups reads peer groups from a ';'- or ','-separated file with a
// header: one line per member and span of years, such as SSB's KOSTRA
// groups or a user's neighbours:
//
//	kommune;gruppe;navn;fra;til
//	3201;kostra13;KOSTRA-gruppe 13;2024;
//	3203;naboer;Nabokommuner;;
//
// Columns are found by name (kommune/municipality/member, gruppe/group,
// and the optional navn/name, fra/from, til/to) in any order. Members are
// municipality numbers or entity IDs; empty years are open. Groups come out
// in the order they first appear.
func ReadGroups(r io.Reader) ([]*Group, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	first, _, _ := strings.Cut(text, "\n")
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = ';'
	if !strings.Contains(first, ";") && strings.Contains(first, ",") {
		cr.Comma = ','
	}
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	head, err := cr.Read()
	if err == io.EOF {
		return nil, &GroupFileError{Line: 1, Err: errors.New("filen er tom; første linje skal være en overskrift som kommune;gruppe;fra;til")}
	}
	if err != nil {
		return nil, &GroupFileError{Line: 1, Err: err}
	}
	col := map[string]int{}
	for i, h := range head {
		if name, ok := groupColumns[strings.ToLower(strings.TrimSpace(h))]; ok {
			col[name] = i
		}
	}
	for _, need := range []string{"group", "member"} {
		if _, ok := col[need]; !ok {
			return nil, &GroupFileError{Line: 1, Err: fmt.Errorf("overskriften mangler kolonnen %q (forventet kommune;gruppe;navn;fra;til)", map[string]string{"group": "gruppe", "member": "kommune"}[need])}
		}
	}
	var groups []*Group
	byID := map[string]*Group{}
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line, err = pe.Line, pe.Err
			}
			return nil, &GroupFileError{Line: line, Err: err}
		}
		line, _ := cr.FieldPos(0)
		if slices.IndexFunc(rec, func(s string) bool { return strings.TrimSpace(s) != "" }) < 0 {
			continue
		}
		id, ref := get(rec, "group"), get(rec, "member")
		if id == "" || ref == "" {
			return nil, &GroupFileError{Line: line, Err: errors.New("gruppe og kommune må fylles ut")}
		}
		m := Member{Ref: ref}
		if m.From, err = optYear(get(rec, "from")); err != nil {
			return nil, &GroupFileError{Line: line, Err: err}
		}
		if m.To, err = optYear(get(rec, "to")); err != nil {
			return nil, &GroupFileError{Line: line, Err: err}
		}
		if m.From != 0 && m.To != 0 && m.From > m.To {
			return nil, &GroupFileError{Line: line, Err: fmt.Errorf("fra %d kommer etter til %d", m.From, m.To)}
		}
		g := byID[id]
		if g == nil {
			g = &Group{ID: id, Name: id}
			byID[id] = g
			groups = append(groups, g)
		}
		if n := get(rec, "name"); n != "" {
			g.Name = n
		}
		g.Members = append(g.Members, m)
	}
	return groups, nil
}

func optYear(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1000 || y > 9999 {
		return 0, fmt.Errorf("%q er ikke et årstall", s)
	}
	return y, nil
}
