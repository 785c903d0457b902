package prognosis

import (
	"math"
	"testing"
)

// TestModel_Validate checks that each kind of bad input is refused with a
// message naming the member and the fault.
func TestModel_Validate(t *testing.T) {
	// ok returns a valid model, to be spoilt by each case.
	ok := func() *Model {
		return model(2020, 2030, Retirement{}, &Area{ID: "pleie_omsorg", Arsverk: 100,
			Groups: []Group{
				{Band: Band{67, 79}, Users: 100},
				{Band: Band{80, 89}, Users: 200},
				{Band: Band{90, AndOlder}, Users: 100},
			},
			Workforce: []Cohort{{Band: Band{20, 66}, Arsverk: 100}}})
	}
	tests := []struct {
		name  string
		spoil func(m *Model)
		kind  error
		want  string
	}{
		{"OK", func(*Model) {}, nil, ""},
		{"end before base", func(m *Model) { m.EndYear = 2019 }, ErrValue,
			"sluttar: sluttåret 2019 må være etter basisåret 2020"},
		{"end equal to base", func(m *Model) { m.EndYear = 2020 }, ErrValue,
			"sluttar: sluttåret 2020 må være etter basisåret 2020"},
		{"no base year", func(m *Model) { m.BaseYear = 0 }, ErrValue,
			"basisar: basisåret 0 er ikke et årstall mellom 1900 og 2200"},
		{"negative users", func(m *Model) { m.Areas[0].Groups[1].Users = -5 }, ErrValue,
			"omrader[0].brukergrupper[1].brukere: verdien -5 er negativ"},
		{"negative årsverk", func(m *Model) { m.Areas[0].Arsverk = -1 }, ErrValue,
			"omrader[0].arsverk: verdien -1 er negativ"},
		{"negative workforce", func(m *Model) { m.Areas[0].Workforce[0].Persons = -2 }, ErrValue,
			"omrader[0].arbeidsstyrke[0].personer: verdien -2 er negativ"},
		{"NaN coverage", func(m *Model) { m.Areas[0].Groups[0] = Group{Band: Band{67, 79}, Coverage: math.NaN()} }, ErrValue,
			"omrader[0].brukergrupper[0].dekningsgrad: NaN er ikke et tall"},
		{"bands overlapping", func(m *Model) { m.Areas[0].Groups[0].Band = Band{67, 80} }, ErrOverlap,
			"omrader[0].brukergrupper[1]: 80–89 år overlapper med omrader[0].brukergrupper[0] (67–80 år)"},
		{"open band overlapping", func(m *Model) { m.Areas[0].Groups[1].Band = Band{95, 99} }, ErrOverlap,
			"omrader[0].brukergrupper[2]: 90 år og eldre overlapper med omrader[0].brukergrupper[1] (95–99 år)"},
		{"overlap behind a short band", func(m *Model) {
			m.Areas[0].Workforce = []Cohort{{Band: Band{20, 50}, Arsverk: 1}, {Band: Band{30, 31}, Arsverk: 1}, {Band: Band{40, 45}, Arsverk: 1}}
		}, ErrOverlap,
			"omrader[0].arbeidsstyrke[2]: 40–45 år overlapper med omrader[0].arbeidsstyrke[0] (20–50 år)"},
		{"band backwards", func(m *Model) { m.Areas[0].Groups[0].Band = Band{79, 67} }, ErrValue,
			"omrader[0].brukergrupper[0]: til-alderen 67 er lavere enn fra-alderen 79"},
		{"users and coverage", func(m *Model) { m.Areas[0].Groups[0].Coverage = 0.1 }, ErrField,
			"omrader[0].brukergrupper[0]: oppgi enten brukere eller dekningsgrad, ikke begge"},
		{"open workforce band", func(m *Model) { m.Areas[0].Workforce[0].Band = Band{60, AndOlder} }, ErrValue,
			"omrader[0].arbeidsstyrke[0]: arbeidsstyrken må ha en øvre alder (60 år og eldre)"},
		{"duplicate id", func(m *Model) {
			m.Areas = append(m.Areas, &Area{ID: "pleie_omsorg", Arsverk: 1, Groups: m.Areas[0].Groups})
		}, ErrField,
			"omrader[1].id: id «pleie_omsorg» er brukt også av omrader[0]"},
		{"share above 1", func(m *Model) { m.Retirement.Early = []Rate{{Band{62, 66}, 1.5}} }, ErrValue,
			"pensjon.tidlig_avgang[0].andel: andelen 1.5 er ikke mellom 0 og 1"},
		{"negative turnover", func(m *Model) { m.Areas[0].Retirement = &Retirement{Turnover: -0.1} }, ErrValue,
			"omrader[0].pensjon.turnover: andelen -0.1 er ikke mellom 0 og 1"},
		{"retirement age", func(m *Model) { m.Retirement.Age = 7 }, ErrValue,
			"pensjon.alder: pensjonsalderen 7 er ikke mellom 18 og 100 år"},
		{"nothing to count", func(m *Model) { m.Areas[0].Arsverk, m.Areas[0].Workforce = 0, nil }, ErrMissing,
			"omrader[0].arsverk: området har verken årsverk eller arbeidsstyrke"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := ok()
			tt.spoil(m)
			err := m.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			checkErr(t, err, tt.kind, tt.want)
			if _, perr := Project(m, flat(2020, 2030, 10)); perr == nil {
				t.Error("Project accepted the model")
			}
		})
	}
}

// TestBand_String checks the Norwegian names of bands.
func TestBand_String(t *testing.T) {
	for _, tt := range []struct {
		b    Band
		want string
	}{{Band{67, 79}, "67–79 år"}, {Band{5, 5}, "5 år"}, {Band{90, AndOlder}, "90 år og eldre"}} {
		if got := tt.b.String(); got != tt.want {
			t.Errorf("%#v: %q, want %q", tt.b, got, tt.want)
		}
	}
}
