package prognosis

import (
	"os"
	"strings"
	"testing"
)

// docExample returns the configuration example of doc.go, so that the
// documented format is the tested one.
func docExample(t testing.TB) string {
	t.Helper()
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	_, after, _ := strings.Cut(string(src), "# Configuration")
	var b strings.Builder
	in := false
	for _, line := range strings.Split(after, "\n") {
		body, ok := strings.CutPrefix(line, "//\t")
		if ok && (in || body == "{") {
			in = true
			b.WriteString(body + "\n")
			if body == "}" {
				return b.String()
			}
		}
	}
	t.Fatal("no example in doc.go")
	return ""
}

// TestReadConfig checks that the documented example reads as described.
func TestReadConfig(t *testing.T) {
	m, err := ReadConfig(strings.NewReader(docExample(t)))
	if err != nil {
		t.Fatal(err)
	}
	if m.BaseYear != 2018 || m.EndYear != 2040 || m.Retirement.Age != 67 || m.Retirement.Turnover != 0 ||
		len(m.Retirement.Early) != 1 || m.Retirement.Early[0] != (Rate{Band{62, 66}, 0.05}) {
		t.Errorf("model: %+v", m)
	}
	if len(m.Areas) != 1 {
		t.Fatalf("%d areas, want 1", len(m.Areas))
	}
	a := m.Areas[0]
	wantGroups := []Group{
		{Name: "67–79 år", Band: Band{67, 79}, Users: 1200},
		{Band: Band{80, 89}, Coverage: 0.35},
		{Band: Band{90, AndOlder}, Users: 900},
	}
	wantWork := []Cohort{{Band{24, 24}, 35.5, 48}, {Band{25, 29}, 210, 0}}
	if a.ID != "pleie_omsorg" || a.Name != "Pleie og omsorg" || a.Arsverk != 2400 ||
		len(a.Groups) != 3 || len(a.Workforce) != 2 || a.Retirement == nil || a.Retirement.Age != 64.5 {
		t.Fatalf("area: %+v", a)
	}
	for i, g := range wantGroups {
		if a.Groups[i] != g {
			t.Errorf("group %d: %+v, want %+v", i, a.Groups[i], g)
		}
	}
	for i, c := range wantWork {
		if a.Workforce[i] != c {
			t.Errorf("workforce %d: %+v, want %+v", i, a.Workforce[i], c)
		}
	}
	if _, err := Project(m, flat(2018, 2040, 100)); err != nil {
		t.Errorf("Project: %v", err)
	}
}

// TestReadConfig_Errors checks that faults are placed by line and column.
func TestReadConfig_Errors(t *testing.T) {
	// area wraps the members of one area in a minimal valid document; the
	// area's first member starts on line 3, column 5.
	area := func(members string) string {
		return "{\"basisar\": 2018,\n \"omrader\": [{\n    " + members + "\n }]}"
	}
	const groups = `"id": "a", "arsverk": 1, "brukergrupper": [`
	tests := []struct {
		name, in string
		kind     error
		want     string
	}{
		{"empty", "", ErrSyntax, "plan.json:1:1: ugyldig JSON: unexpected end of JSON input"},
		{"syntax", "{\n  \"basisar\": 2018\n  \"omrader\": []\n}", ErrSyntax,
			`plan.json:3:3: ugyldig JSON: invalid character '"' after object key:value pair`},
		{"trailing text", `{"basisar": 2018} x`, ErrSyntax,
			"plan.json:1:19: ugyldig JSON: invalid character 'x' after top-level value"},
		{"not an object", `[1]`, ErrField, "plan.json:1:1: forventet et objekt, fant en liste"},
		{"wrong type", `{"basisar": "2018"}`, ErrField, "plan.json:1:13: basisar: forventet et heltall, fant tekst «2018»"},
		{"fraction for an age", area(groups + `{"fra": 67.5, "brukere": 1}]`), ErrField,
			"plan.json:3:56: omrader[0].brukergrupper[0].fra: forventet et heltall, fant 67.5"},
		{"repeated key", `{"basisar": 2018, "basisar": 2019}`, ErrField,
			"plan.json:1:19: basisar: nøkkelen «basisar» står to ganger"},
		{"unknown key", area(`"id": "a", "arsverk": 1, "brukere": 3`), ErrField,
			"plan.json:3:30: omrader[0].brukere: ukjent nøkkel «brukere»; her kan stå id, navn, arsverk, brukergrupper, arbeidsstyrke, pensjon"},
		{"key in the wrong case", `{"Basisar": 2018}`, ErrField, "plan.json:1:2: Basisar: ukjent nøkkel «Basisar»"},
		{"missing basisar", `{"omrader": []}`, ErrField, "plan.json:1:1: nøkkelen «basisar» mangler"},
		{"missing fra", area(groups + `{"til": 5, "brukere": 1}]`), ErrField,
			"plan.json:3:48: omrader[0].brukergrupper[0]: nøkkelen «fra» mangler"},
		{"neither users nor coverage", area(groups + `{"fra": 1}]`), ErrField,
			"plan.json:3:48: omrader[0].brukergrupper[0]: nøkkelen «brukere» eller «dekningsgrad» mangler"},
		{"negative til", area(groups + `{"fra": 1, "til": -1, "brukere": 1}]`), ErrValue,
			"plan.json:3:48: omrader[0].brukergrupper[0]: til-alderen -1 er negativ"},
		{"alder and fra", area(`"id": "a", "brukergrupper": [{"fra": 1, "brukere": 1}], "arbeidsstyrke": [{"alder": 30, "fra": 30, "til": 31, "arsverk": 1}]`),
			ErrField, "plan.json:3:79: omrader[0].arbeidsstyrke[0]: oppgi enten «alder» eller «fra» og «til», ikke begge"},
		// Validate's faults are placed too.
		{"overlap", area(groups + `{"fra": 1, "til": 5, "brukere": 1}, {"fra": 5, "brukere": 1}]`), ErrOverlap,
			"plan.json:3:84: omrader[0].brukergrupper[1]: 5 år og eldre overlapper med omrader[0].brukergrupper[0] (1–5 år)"},
		{"end before base", "{\"basisar\": 2018, \"sluttar\": 2010,\n \"omrader\": [{\n    " + groups + `{"fra": 1, "brukere": 1}]}]}`, ErrValue,
			"plan.json:1:30: sluttar: sluttåret 2010 må være etter basisåret 2018"},
		{"negative share", `{"basisar": 2018, "pensjon": {"turnover": -0.5}}`, ErrValue,
			"plan.json:1:43: pensjon.turnover: andelen -0.5 er ikke mellom 0 og 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cr := NewConfigReader(strings.NewReader(tt.in))
			cr.File = "plan.json"
			_, err := cr.Read()
			checkErr(t, err, tt.kind, tt.want)
		})
	}
}

// TestProject_ConfigPlace checks that a fault Project finds in a model
// read from a file is placed in the file: here a group whose ages the
// population lacks.
func TestProject_ConfigPlace(t *testing.T) {
	in := "{\"basisar\": 2020, \"sluttar\": 2021,\n \"omrader\": [{\"id\": \"a\", \"arsverk\": 1, \"brukergrupper\": [\n" +
		"   {\"fra\": 1, \"brukere\": 1}]}]}"
	cr := NewConfigReader(strings.NewReader(in))
	cr.File = "plan.json"
	m, err := cr.Read()
	if err != nil {
		t.Fatal(err)
	}
	p := NewPopulation()
	p.Add(2020, 1, 10)
	_, err = Project(m, p)
	checkErr(t, err, ErrMissing, "plan.json:3:4: omrader[0].brukergrupper[0]: befolkningen mangler året 2021")
}
