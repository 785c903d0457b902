package jsonstat

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestCoordsRoundTrip converts every position to coordinates and back on
// cubes of several shapes, and checks that the iterator agrees.
func TestCoordsRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		size []int
	}{
		{"single", []int{1}},
		{"vector", []int{7}},
		{"order", []int{3, 2, 4}},
		{"with-ones", []int{1, 5, 1, 3}},
		{"galicia", []int{6, 22, 3, 2, 5, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := mustDecode(t, cube(tt.size, nil)).Dataset
			n := 1
			for _, s := range tt.size {
				n *= s
			}
			if ds.Len() != n {
				t.Fatalf("Len() = %d; want %d", ds.Len(), n)
			}
			next := 0
			for pos, o := range ds.All() {
				c := ds.Coords(pos)
				if fmt.Sprint(c) != fmt.Sprint(o.Coords) {
					t.Fatalf("Coords(%d) = %v; iterator says %v", pos, c, o.Coords)
				}
				if back := ds.Pos(c); back != pos {
					t.Fatalf("Pos(Coords(%d)) = %d", pos, back)
				}
				if p2, ok := ds.PosByID(o.IDs...); !ok || p2 != pos {
					t.Fatalf("PosByID(%v) = %d, %v; want %d", o.IDs, p2, ok, pos)
				}
				if v, _ := ds.Cell(pos); v.Num != float64(pos) || pos != next {
					t.Fatalf("cell %d = %v (iteration step %d)", pos, v, next)
				}
				next++
			}
			if next != n {
				t.Errorf("iterated %d cells; want %d", next, n)
			}
			// Out of range inputs are rejected, never panic.
			if ds.Coords(-1) != nil || ds.Coords(n) != nil || ds.Pos(make([]int, len(tt.size)+1)) != -1 {
				t.Error("out-of-range Coords/Pos accepted")
			}
			bad := make([]int, len(tt.size))
			bad[0] = tt.size[0]
			if ds.Pos(bad) != -1 {
				t.Errorf("Pos(%v) accepted", bad)
			}
			if v, st := ds.Cell(n); !v.IsNull() || st != "" {
				t.Errorf("Cell(%d) = %v %q", n, v, st)
			}
		})
	}
}

// cube builds a valid dataset document of the given sizes whose cell at
// position p holds the number p. mutate, if not nil, may edit the parts.
func cube(size []int, mutate func(parts map[string]string)) []byte {
	var ids, sizes, dims, vals []string
	n := 1
	for j, s := range size {
		id := fmt.Sprintf("d%d", j)
		ids = append(ids, strconv.Quote(id))
		sizes = append(sizes, strconv.Itoa(s))
		var cats []string
		for c := range s {
			cats = append(cats, strconv.Quote(fmt.Sprintf("c%d", c)))
		}
		dims = append(dims, fmt.Sprintf(`%q:{"category":{"index":[%s]}}`, id, strings.Join(cats, ",")))
		n *= s
	}
	for p := range n {
		vals = append(vals, strconv.Itoa(p))
	}
	parts := map[string]string{
		"version": `"2.0"`, "class": `"dataset"`,
		"id": "[" + strings.Join(ids, ",") + "]", "size": "[" + strings.Join(sizes, ",") + "]",
		"dimension": "{" + strings.Join(dims, ",") + "}", "value": "[" + strings.Join(vals, ",") + "]",
	}
	if mutate != nil {
		mutate(parts)
	}
	var members []string
	for _, k := range []string{"version", "class", "id", "size", "role", "dimension", "value", "status"} {
		if v, ok := parts[k]; ok {
			members = append(members, strconv.Quote(k)+":"+v)
		}
	}
	return []byte("{" + strings.Join(members, ",") + "}")
}

func mustDecode(t *testing.T, data []byte) *Document {
	t.Helper()
	doc, err := Decode(data)
	if err != nil {
		t.Fatalf("Decode: %v\n%s", err, data)
	}
	return doc
}

// TestFindingPaths checks the code and JSON path of findings for
// documents with one known problem each.
func TestFindingPaths(t *testing.T) {
	sex := `{"version":"2.0","class":"dataset","id":["sex"],"size":[2],"dimension":{"sex":{"category":{"index":%s}}},"value":%s%s}`
	tests := []struct {
		name string
		doc  string
		code Code
		path string
	}{
		{"value-len", fmt.Sprintf(sex, `["M","F"]`, `[1,2,3]`, ""), CodeValueLenMismatch, "value"},
		{"index-positions", fmt.Sprintf(sex, `{"M":0,"F":2}`, `[1,2]`, ""), CodeIndexPositionsInvalid, "dimension.sex.category.index"},
		{"index-duplicate", fmt.Sprintf(sex, `["M","F","M"]`, `[1,2]`, ""), CodeStructuralViolation, "dimension.sex.category.index[2]"},
		{"index-type", fmt.Sprintf(sex, `["M",7]`, `[1,2]`, ""), CodeStructuralViolation, "dimension.sex.category.index[1]"},
		{"status-key", fmt.Sprintf(sex, `["M","F"]`, `[1,2]`, `,"status":{"9":"x"}`), CodeStatusKeyOutOfRange, "status.9"},
		{"status-type", fmt.Sprintf(sex, `["M","F"]`, `[1,2]`, `,"status":7`), CodeStructuralViolation, "status"},
		{"value-bool", fmt.Sprintf(sex, `["M","F"]`, `[1,true]`, ""), CodeStructuralViolation, "value[1]"},
		{"sparse-key", fmt.Sprintf(sex, `["M","F"]`, `{"x":1}`, ""), CodeSparseKeyOutOfRange, "value.x"},
		{"value-missing", `{"version":"2.0","class":"dataset","id":["a"],"size":[1],"dimension":{"a":{"category":{"index":["x"]}}}}`, CodeStructuralViolation, "value"},
		{"negative-size", `{"version":"2.0","class":"dataset","id":["a"],"size":[-1],"dimension":{"a":{"category":{"index":["x"]}}},"value":[]}`, CodeStructuralViolation, "size[0]"},
		{"fraction-size", `{"version":"2.0","class":"dataset","id":["a"],"size":[1.5],"dimension":{"a":{"category":{"index":["x"]}}},"value":[]}`, CodeStructuralViolation, "size[0]"},
		{"cube-overflow", `{"version":"2.0","class":"dataset","id":["a","b","c"],"size":[100000,100000,100000],"dimension":{},"value":[]}`, CodeCubeSizeOverflow, "size"},
		{"int-overflow", `{"version":"2.0","class":"dataset","id":["a","b"],"size":[4000000000,4000000000],"dimension":{},"value":[]}`, CodeCubeSizeOverflow, "size[0]"},
		{"version", `{"version":"1.0","class":"dataset","id":["a"],"size":[1],"dimension":{"a":{"category":{"index":["x"]}}},"value":[1]}`, CodeStructuralViolation, "version"},
		{"version-missing", `{"class":"dataset","id":["a"],"size":[1],"dimension":{"a":{"category":{"index":["x"]}}},"value":[1]}`, CodeStructuralViolation, "version"},
		{"class-missing", `{"version":"2.0","id":["a"],"size":[1],"dimension":{"a":{"category":{"index":["x"]}}},"value":[1]}`, CodeStructuralViolation, "class"},
		{"class-unknown", `{"version":"2.0","class":"cube"}`, CodeStructuralViolation, "class"},
		{"not-object", `[1,2]`, CodeStructuralViolation, ""},
		{"quoted-key", `{"version":"2.0","class":"dataset","id":["a.b"],"size":[1],"dimension":{"a.b":{"category":{"index":["x"],"label":{"y":"Y"}}}},"value":[1]}`, CodeLabelKeyUnknown, `dimension["a.b"].category.label.y`},
		{"role-key", fmt.Sprintf(sex, `["M","F"]`, `[1,2]`, `,"role":{"space":["sex"]}`), CodeStructuralViolation, "role.space"},
		{"embedded", `{"version":"2.0","class":"collection","link":{"item":[{"class":"dataset","id":["x"],"size":[1],"dimension":{"x":{"category":{"index":["a"]}}},"value":[1,2]}]}}`, CodeValueLenMismatch, "link.item[0].value"},
		{"bundle-member", `{"unemployment":{"id":["x"],"size":[1],"dimension":{"x":{"category":{"index":["a"]}}},"value":[1,2]}}`, CodeValueLenMismatch, "unemployment.value"},
		{"legacy-bundle", `{"ds":{"dimension":{"id":["x"],"size":[2],"x":{"category":{"index":["a"]}}},"value":[1,2]}}`, CodeIndexCountMismatch, "ds.dimension.x.category.index"},
		{"no-index", `{"version":"2.0","class":"dataset","id":["x"],"size":[2],"dimension":{"x":{"category":{"label":{"a":"A","b":"B"}}}},"value":[1,2]}`, CodeStructuralViolation, "dimension.x.category.index"},
		{"unit-decimals", `{"version":"2.0","class":"dataset","id":["m"],"size":[1],"role":{"metric":["m"]},"dimension":{"m":{"category":{"index":["a"],"unit":{"a":{"decimals":1.5}}}}},"value":[1]}`, CodeStructuralViolation, "dimension.m.category.unit.a.decimals"},
		{"label-incomplete", fmt.Sprintf(`{"version":"2.0","class":"dataset","id":["sex"],"size":[2],"dimension":{"sex":{"category":{"index":%s,"label":{"M":"male"}}}},"value":%s}`, `["M","F"]`, `[1,2]`), CodeLabelKeyIncomplete, "dimension.sex.category.label"},
		{"child-parent", `{"version":"2.0","class":"dataset","id":["g"],"size":[1],"dimension":{"g":{"category":{"index":["a"],"child":{"z":["a"]}}}},"value":[1]}`, CodeChildIDUnknown, "dimension.g.category.child.z"},
		{"self-cycle", `{"version":"2.0","class":"dataset","id":["g"],"size":[1],"dimension":{"g":{"category":{"index":["a"],"child":{"a":["a"]}}}},"value":[1]}`, CodeChildCycle, "dimension.g.category.child.a"},
		{"duplicate-member", `{"version":"2.0","class":"dataset","id":["a"],"id":["a"],"size":[1],"dimension":{"a":{"category":{"index":["x"]}}},"value":[1]}`, CodeStructuralViolation, "id"},
		{"huge-number", fmt.Sprintf(sex, `["M","F"]`, `[1,1e999]`, ""), CodeStructuralViolation, "value[1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			findings := Validate([]byte(tt.doc))
			for _, f := range findings {
				if f.Code == tt.code && f.Path == tt.path {
					if f.Message == "" || f.Severity != tt.code.Severity() {
						t.Errorf("finding %v lacks message or has severity %v", f, f.Severity)
					}
					return
				}
			}
			t.Errorf("no %s at %q; findings: %v", tt.code, tt.path, findings)
		})
	}
}

// TestSyntaxErrorPosition checks that PARSE_ERROR carries the line and
// column of the offending character.
func TestSyntaxErrorPosition(t *testing.T) {
	tests := []struct {
		name      string
		doc       string
		line, col int
	}{
		{"trailing-comma", "{\n  \"a\": 1,\n}", 3, 1},
		{"missing-colon", `{"a" 1}`, 1, 6},
		{"after-utf8", "{\n \"å\": ø}", 2, 7},
		{"truncated", "{\"a\":\n[1,2", 2, 5},
		{"empty", "", 1, 1},
		{"bom", "\xEF\xBB\xBF{]", 1, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.doc))
			var e *Error
			if !errors.As(err, &e) || e.Code != CodeParseError {
				t.Fatalf("Decode error = %v; want PARSE_ERROR", err)
			}
			if e.Line != tt.line || e.Column != tt.col {
				t.Errorf("position %d:%d; want %d:%d (%v)", e.Line, e.Column, tt.line, tt.col, e)
			}
			if !strings.Contains(e.Error(), fmt.Sprintf("line %d, column %d", tt.line, tt.col)) {
				t.Errorf("Error() = %q lacks the position", e.Error())
			}
		})
	}
}

// TestDecoderOptions checks the cell, depth and findings budgets.
func TestDecoderOptions(t *testing.T) {
	t.Run("MaxCells", func(t *testing.T) {
		d := NewDecoder(strings.NewReader(string(cube([]int{10, 10}, nil))))
		d.MaxCells = 99
		_, err := d.Decode()
		var ve *ValidationError
		if !errors.As(err, &ve) || !ve.Findings.Has(CodeCubeSizeOverflow) {
			t.Errorf("err = %v; want CUBE_SIZE_OVERFLOW", err)
		}
	})
	t.Run("MaxDepth", func(t *testing.T) {
		leaf := `{"class":"dataset","id":["x"],"size":[1],"dimension":{"x":{"category":{"index":["a"]}}},"value":[1]}`
		doc := leaf
		for range 3 {
			doc = `{"class":"collection","link":{"item":[` + doc + `]}}`
		}
		doc = `{"version":"2.0",` + doc[1:]
		// The root (depth 0) holds collections at depths 1 and 2.
		for _, maxDepth := range []int{1, 2, 3} {
			d := NewDecoder(strings.NewReader(doc))
			d.MaxDepth = maxDepth
			got, err := d.Decode()
			if err != nil {
				t.Fatalf("MaxDepth %d: %v", maxDepth, err)
			}
			hit := got.Findings.Has(CodeRecursionLimit)
			if hit != (maxDepth < 2) || (!hit && len(got.Datasets()) != 1) {
				t.Errorf("MaxDepth %d: RECURSION_LIMIT %v with %d datasets", maxDepth, hit, len(got.Datasets()))
			}
		}
	})
	t.Run("MaxFindings", func(t *testing.T) {
		// 50 label keys that are not category ids, then a late error.
		var labels []string
		for i := range 50 {
			labels = append(labels, fmt.Sprintf(`"z%d":"Z"`, i))
		}
		doc := `{"version":"2.0","class":"dataset","id":["a"],"size":[1],"dimension":{"a":{"category":{"index":["x"],"label":{` +
			strings.Join(labels, ",") + `}}}},"value":[1]}`
		d := NewDecoder(strings.NewReader(doc))
		d.MaxFindings = 5
		findings, err := d.Validate()
		if err != nil {
			t.Fatal(err)
		}
		if len(findings) != 6 || !findings.Has(CodeBudgetExceeded) || findings.Valid() {
			t.Errorf("%d findings, budget %v, valid %v; want 5 + BUDGET_EXCEEDED, invalid", len(findings), findings.Has(CodeBudgetExceeded), findings.Valid())
		}
	})
	t.Run("NoReader", func(t *testing.T) {
		if _, err := (&Decoder{}).Decode(); err == nil {
			t.Error("Decode without reader succeeded")
		}
	})
}

// TestValidationError checks the error values returned by Decode.
func TestValidationError(t *testing.T) {
	_, err := Decode(cube([]int{2}, func(p map[string]string) { p["value"] = "[1,2,3]"; p["status"] = "[1]" }))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %T %v; want *ValidationError", err, err)
	}
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeValueLenMismatch || e.Path != "value" {
		t.Errorf("first *Error = %v", e)
	}
	if !strings.Contains(err.Error(), "(and 1 more errors)") || !strings.Contains(err.Error(), "value: ") {
		t.Errorf("Error() = %q", err.Error())
	}
	if len(ve.Unwrap()) != 2 {
		t.Errorf("Unwrap() has %d errors; want 2", len(ve.Unwrap()))
	}
}

// TestStatusForms checks the string, array, one-element array and object
// forms of status.
func TestStatusForms(t *testing.T) {
	tests := []struct {
		status string
		want   []string
	}{
		{`"p"`, []string{"p", "p", "p"}},
		{`["a"]`, []string{"a", "a", "a"}},
		{`["a",null,"c"]`, []string{"a", "", "c"}},
		{`{"2":"x","0":"y"}`, []string{"y", "", "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.status, func(t *testing.T) {
			ds := mustDecode(t, cube([]int{3}, func(p map[string]string) { p["status"] = tt.status })).Dataset
			for pos, o := range ds.All() {
				_, st := ds.Cell(pos)
				if st != tt.want[pos] || o.Status != tt.want[pos] {
					t.Errorf("status of %d = %q (iterator %q); want %q", pos, st, o.Status, tt.want[pos])
				}
			}
		})
	}
}

// TestStandaloneDimension decodes a document of class dimension.
func TestStandaloneDimension(t *testing.T) {
	doc := mustDecode(t, []byte(`{"version":"2.0","class":"dimension","label":"sex","category":{"index":{"F":1,"M":0},"label":{"M":"Male","F":"Female"}}}`))
	if doc.Class != ClassDimension || doc.Dimension.Len() != 2 || doc.Dimension.CategoryID(1) != "F" || doc.Dimension.CategoryLabel("M") != "Male" {
		t.Errorf("dimension = %+v", doc.Dimension)
	}
	if len(doc.Datasets()) != 0 {
		t.Error("a dimension document has no datasets")
	}
}

// TestIteratorStops checks that breaking out of All stops the iteration.
func TestIteratorStops(t *testing.T) {
	ds := mustDecode(t, cube([]int{4, 4}, nil)).Dataset
	n := 0
	for range ds.All() {
		n++
		if n == 5 {
			break
		}
	}
	if n != 5 {
		t.Errorf("iterated %d cells after break", n)
	}
}

// TestParseNumber compares the fast number parser with strconv.
func TestParseNumber(t *testing.T) {
	inputs := []string{"0", "-0", "1", "-1", "27.8", "9.627692959", "1943974", "0.1", "1e22", "1e23",
		"123456789012345678901234567890", "4.9e-324", "1.7976931348623157e308", "0.000001", "1E-7",
		"-12.5e+3", "9007199254740993", "1e-400", "0.30000000000000004"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		inputs = append(inputs, strconv.FormatFloat(r.NormFloat64()*math.Pow(10, float64(r.IntN(30)-15)), 'g', -1, 64))
		inputs = append(inputs, fmt.Sprintf("%d.%0*d", r.IntN(1e6), r.IntN(8)+1, r.IntN(1e6)))
	}
	for _, in := range inputs {
		want, err := strconv.ParseFloat(in, 64)
		got, ok := parseNumber([]byte(in))
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			t.Fatalf("bad test input %q", in)
		}
		if !ok || math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("parseNumber(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "-", "1e999", "abc", "1.2.3"} {
		if _, ok := parseNumber([]byte(in)); ok {
			t.Errorf("parseNumber(%q) accepted", in)
		}
	}
}

// TestValueString checks the JSON-like formatting of values.
func TestValueString(t *testing.T) {
	tests := []struct {
		v    Value
		want string
	}{
		{Value{}, "null"},
		{Value{Num: 1943974, Kind: Number}, "1943974"},
		{Value{Num: 27.8, Kind: Number}, "27.8"},
		{Value{Num: 1e-9, Kind: Number}, "1e-09"},
		{Value{Num: 1e21, Kind: Number}, "1e+21"},
		{Value{Str: "A1B1C1", Kind: String}, "A1B1C1"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.v.String(); got != tt.want {
				t.Errorf("String() = %q; want %q", got, tt.want)
			}
		})
	}
}
