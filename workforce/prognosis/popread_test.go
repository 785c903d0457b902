package prognosis

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestReadPopulation_JSONStat reads the synthetic 14288-shaped file; its
// README gives the values: for Bærum, MMMM, men 100 + 10·alder + (år −
// 2024) and women 200 + 10·alder + 2·(år − 2024).
func TestReadPopulation_JSONStat(t *testing.T) {
	tests := []struct {
		name, region, contents string
		label, alternative     string
		want                   map[[2]int]float64 // {year, age} → persons
	}{
		{
			// 2024, age 0: 100 + 200 = 300. Age 1: 110 + 210 = 320.
			// 2025, age 2+: 121 + 222 = 343.
			name: "Bærum, main alternative by default", region: "3024",
			label: "Bærum", alternative: "Hovedalternativet (MMMM)",
			want: map[[2]int]float64{{2024, 0}: 300, {2024, 1}: 320, {2025, 0}: 303, {2025, 2}: 343},
		},
		{
			// Asker, LLML: 9000 + 500 + 100·kjønn + 10·alder + 5 + år:
			// 2024, age 0: 9505 + 9605 = 19110; 2025, age 2: 9526 + 9626 = 19152.
			name: "Asker by label, LLML", region: "asker", contents: "LLML",
			label: "Asker", alternative: "Lav nasjonal vekst (LLML)",
			want: map[[2]int]float64{{2024, 0}: 19110, {2025, 2}: 19152},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := os.Open("testdata/14288-synthetic.json")
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			pr := NewPopulationReader(f)
			pr.Region, pr.Contents = tt.region, tt.contents
			pop, err := pr.Read()
			if err != nil {
				t.Fatal(err)
			}
			if pop.Label != tt.label || pop.Contents != tt.alternative {
				t.Errorf("label %q, contents %q; want %q, %q", pop.Label, pop.Contents, tt.label, tt.alternative)
			}
			if got := pop.Years(); !slices.Equal(got, []int{2024, 2025}) || pop.MaxAge() != 2 {
				t.Errorf("years %v, max age %d; want [2024 2025], 2", got, pop.MaxAge())
			}
			for k, want := range tt.want {
				if got, ok := pop.Persons(k[0], k[1]); !ok || got != want {
					t.Errorf("%d, age %d: %v (%v), want %v", k[0], k[1], got, ok, want)
				}
			}
		})
	}
}

// TestReadPopulation_CSV reads the CSV form, with a decimal comma, spaces
// between thousands and an open top age.
func TestReadPopulation_CSV(t *testing.T) {
	in := "\ufeffAlder;ar;personer\n0;2024;10\n1;2024;1 234,5\n105+;2024;3\n0;2025;11.5\n"
	pop, err := ReadPopulation(strings.NewReader(in), "3024")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		year, age int
		want      float64
	}{{2024, 0, 10}, {2024, 1, 1234.5}, {2024, 105, 3}, {2025, 0, 11.5}} {
		if got, ok := pop.Persons(c.year, c.age); !ok || got != c.want {
			t.Errorf("%d, age %d: %v, want %v", c.year, c.age, got, c.want)
		}
	}
	// 105 år og eldre is the last age: 100+ sums 100–105, and 2024 has
	// no 100-year-olds.
	if _, err := pop.Sum(2024, Band{100, AndOlder}); err == nil {
		t.Error("Sum over missing ages succeeded")
	}
	if n, err := pop.Sum(2024, Band{0, 1}); err != nil || n != 1244.5 {
		t.Errorf("Sum 0–1 = %v, %v; want 1244.5", n, err)
	}
	if pop.Region != "3024" || pop.MaxAge() != 105 {
		t.Errorf("region %q, max age %d", pop.Region, pop.MaxAge())
	}
}

// TestReadPopulation_Errors checks that bad files are refused with their
// place and fault.
func TestReadPopulation_Errors(t *testing.T) {
	const head = "alder;år;personer\n"
	// dataset builds a small JSON-stat document from its dimensions and
	// values.
	dataset := func(dims, ids, sizes, values string) string {
		return `{"version":"2.0","class":"dataset","id":[` + ids + `],"size":[` + sizes + `],"dimension":{` + dims + `},"value":[` + values + `]}`
	}
	const (
		alder = `"Alder":{"category":{"index":["000","001"]}}`
		tid   = `"Tid":{"category":{"index":["2024"]}}`
		reg   = `"Region":{"category":{"index":["K-3024","K-3025"],"label":{"K-3024":"Bærum","K-3025":"Asker"}}}`
	)
	tests := []struct {
		name, in, region string
		kind             error
		want             []string
	}{
		{"empty", "", "", ErrSyntax, []string{"bef.csv:1: filen er tom: forventet overskriftsraden alder;år;personer"}},
		{"not a number", head + "0;2024;x\n", "", ErrValue, []string{"bef.csv:2:3: personer: «x» er ikke et tall"}},
		{"negative", head + "0;2024;-3\n", "", ErrValue, []string{"bef.csv:2:3: personer: «-3» er negativt"}},
		{"NaN", head + "0;2024;NaN\n", "", ErrValue, []string{"bef.csv:2:3: personer: «NaN» er ikke et tall"}},
		{"bad age", head + "1x;2024;3\n", "", ErrValue, []string{"bef.csv:2:1: alder: «1x» er ikke et heltall"}},
		{"age too high", head + "130;2024;3\n", "", ErrValue, []string{"bef.csv:2:1: alder: alderen 130 er utenfor 0–120"}},
		{"unknown column", "alder;år;folk\n", "", ErrField, []string{
			"bef.csv:1:3: ukjent kolonne «folk»: forventet alder;år;personer",
			"bef.csv:1: kolonnen personer mangler"}},
		{"twice", head + "0;2024;3\n0;2024;4\n", "", ErrField, []string{"bef.csv:3: alder 0 i 2024 står også på linje 2"}},
		{"field count", head + "0;2024\n", "", ErrSyntax, []string{"bef.csv:2: linjen har ikke tre felt som overskriftsraden"}},
		{"header only", head, "", ErrMissing, []string{"bef.csv:2: filen har ingen datalinjer"}},
		{"JSON syntax", `{"class": "dataset",]`, "", ErrSyntax, []string{"bef.csv:1:", "ugyldig JSON-stat", "PARSE_ERROR"}},
		{"JSON-stat structure", `{"version":"2.0","class":"dataset","id":["Alder"],"size":[2],"dimension":{"Alder":{"category":{"index":["000"]}}},"value":[1,2]}`,
			"", ErrSyntax, []string{"bef.csv: dimension.Alder", "INDEX_COUNT_MISMATCH"}},
		{"region not found", dataset(reg+","+alder+","+tid, `"Region","Alder","Tid"`, "2,2,1", "1,2,3,4"), "0301", ErrMissing,
			[]string{"bef.csv: dimension.Region: region: fant ikke «0301» blant K-3024, K-3025"}},
		{"region not chosen", dataset(reg+","+alder+","+tid, `"Region","Alder","Tid"`, "2,2,1", "1,2,3,4"), "", ErrMissing,
			[]string{"bef.csv: dimension.Region: region: filen har 2 kategorier (K-3024, K-3025); velg én"}},
		{"no Alder", dataset(tid, `"Tid"`, "1", "1"), "", ErrField, []string{"bef.csv: id: dimensjonen Alder mangler"}},
		{"bad age id", dataset(`"Alder":{"category":{"index":["000","F001-005"]}},`+tid, `"Alder","Tid"`, "2,1", "1,2"), "", ErrValue,
			[]string{`bef.csv: dimension.Alder.category.index["F001-005"]: «F001-005» er ikke et heltall`}},
		{"negative cell", dataset(alder+","+tid, `"Alder","Tid"`, "2,1", "1,-2"), "", ErrValue,
			[]string{"bef.csv: value[1]: antallet -2 er ugyldig"}},
		{"unknown dimension", dataset(`"Bydel":{"category":{"index":["a","b"]}},`+alder+","+tid, `"Bydel","Alder","Tid"`, "2,2,1", "1,2,3,4"), "", ErrField,
			[]string{"bef.csv: dimension.Bydel: ukjent dimensjon «Bydel» med 2 kategorier"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pr := NewPopulationReader(strings.NewReader(tt.in))
			pr.Region, pr.File = tt.region, "bef.csv"
			_, err := pr.Read()
			checkErr(t, err, tt.kind, tt.want...)
		})
	}
}

// TestReadPopulation_Null checks that a null cell, SSB's "..", makes its
// age and year unknown rather than zero, so that a band over it fails.
func TestReadPopulation_Null(t *testing.T) {
	in := `{"version":"2.0","class":"dataset","id":["Kjonn","Alder","Tid"],"size":[2,2,1],` +
		`"dimension":{"Kjonn":{"category":{"index":["1","2"]}},"Alder":{"category":{"index":["000","001"]}},"Tid":{"category":{"index":["2024"]}}},` +
		`"value":[1,2,3,null],"status":{"3":".."}}`
	pop, err := ReadPopulation(strings.NewReader(in), "")
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := pop.Persons(2024, 0); !ok || n != 4 { // 1 + 3
		t.Errorf("age 0: %v, %v; want 4", n, ok)
	}
	if _, ok := pop.Persons(2024, 1); ok {
		t.Error("age 1 is known though women's cell is null")
	}
	_, err = pop.Sum(2024, Band{0, 1})
	checkErr(t, err, ErrMissing, "befolkningen mangler 1-åringer i 2024 (aldersgruppe 0–1 år)")
}

// TestReadPopulation_TooLarge checks that a forged sparse cube, large in
// size but small in bytes, is refused before its cells are visited:
// 1 000 sexes × 121 ages × 10 years is 1 210 000 cells.
func TestReadPopulation_TooLarge(t *testing.T) {
	ids := func(n int, format string) string {
		s := make([]string, n)
		for i := range s {
			s[i] = `"` + fmt.Sprintf(format, i) + `"`
		}
		return strings.Join(s, ",")
	}
	in := `{"version":"2.0","class":"dataset","id":["Kjonn","Alder","Tid"],"size":[1000,121,10],"dimension":{` +
		`"Kjonn":{"category":{"index":[` + ids(1000, "k%d") + `]}},` +
		`"Alder":{"category":{"index":[` + ids(121, "%03d") + `]}},` +
		`"Tid":{"category":{"index":[` + ids(10, "20%02d") + `]}}},"value":{"0":1}}`
	_, err := ReadPopulation(strings.NewReader(in), "")
	checkErr(t, err, ErrValue, "size: tabellen har 1210000 celler for én region, over grensen 1000000")
}
