package jsonstat

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestCheckJSON compares the syntax check with json.Valid on tricky input.
func TestCheckJSON(t *testing.T) {
	inputs := []string{
		``, ` `, `1`, `-`, `-0`, `01`, `1.`, `1.5e`, `1e+5`, `.5`, `"a`, `"\u12"`, `"\u12ab"`, `"\x"`,
		"\"\t\"", `"\/"`, `[]`, `[,]`, `[1,]`, `[1 2]`, `{}`, `{"a"}`, `{"a":}`, `{"a":1,}`, `{"a":1 "b":2}`,
		`{1:2}`, `[}`, `{]`, `[[[]]]`, `nul`, `nulls`, `true false`, `{"a":[1,{"b":null}]} `, "\ufeff{}",
		strings.Repeat("[", 10001) + strings.Repeat("]", 10001), strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
		`{"a":` + strings.Repeat(`"xxxxxxxxxx",`, 20) + `1}`, `[` + strings.Repeat(`{"k":"vvvvvvvvvvvvvvvvvvvv"},`, 10) + `{}]`,
	}
	for _, in := range inputs {
		name := in
		if len(name) > 20 {
			name = name[:20]
		}
		t.Run(name, func(t *testing.T) {
			if _, ok := checkJSON([]byte(in)); ok != json.Valid([]byte(in)) {
				t.Errorf("checkJSON(%q) = %v; json.Valid says %v", in, ok, !ok)
			}
		})
	}
}

// TestSpanTable checks that skipping through the container table gives
// the same ends as scanning.
func TestSpanTable(t *testing.T) {
	doc := []byte(`{"a":[` + strings.Repeat(`{"k":"v]}\"}"},`, 20) + `1],"b":{"c":` + strings.Repeat("[1,2,3,4,5,6,7,8,9,10],", 1) + `"x":0},"d":2}`)
	spans, ok := checkJSON(doc)
	if !ok || len(spans) == 0 {
		t.Fatalf("checkJSON: ok %v, %d spans", ok, len(spans))
	}
	w := &walker{base: doc, spans: spans}
	for i := range doc {
		if doc[i] == '{' || doc[i] == '[' {
			if got, want := w.valueEnd(doc[i:], 0), valueEnd(doc[i:], 0); got != want {
				t.Errorf("valueEnd at %d = %d; want %d", i, got, want)
			}
		}
	}
}
