package prognosis

import (
	"testing"
)

// TestProject checks the arithmetic of need and of the ageing workforce
// against figures worked out by hand in each case's comment.
func TestProject(t *testing.T) {
	tests := []struct {
		name string
		m    *Model
		pop  *Population
		want []Year // from BaseYear+1
	}{
		{
			// One band, 1–5 år, 100 persons per age every year: pop = 500.
			// need = 400/500 × 500 × 100/400 = 100 each year. The
			// workforce, 10 per age 30–39, is 49 at most by 2023: no one
			// leaves, so remaining 100 and no recruitment.
			name: "one band, constant population",
			m: model(2020, 2023, Retirement{}, &Area{ID: "barnehage", Arsverk: 100,
				Groups:    []Group{{Band: Band{1, 5}, Users: 400}},
				Workforce: []Cohort{{Band: Band{30, 39}, Arsverk: 100}}}),
			pop: flat(2020, 2023, 100),
			want: []Year{
				{Year: 2021, Needed: 100, Remaining: 100},
				{Year: 2022, Needed: 100, Remaining: 100},
				{Year: 2023, Needed: 100, Remaining: 100},
			},
		},
		{
			// The band's population goes 500 → 1000 → 2000: need
			// 100 → 200 → 400. Remaining stays 100, so the recruitment
			// need is 100 then 300, of which 100 in 2021 and 200 in 2022.
			name: "population doubling",
			m: model(2020, 2022, Retirement{}, &Area{ID: "barnehage", Arsverk: 100,
				Groups:    []Group{{Band: Band{1, 5}, Users: 400}},
				Workforce: []Cohort{{Band: Band{30, 39}, Arsverk: 100}}}),
			pop: popFunc(2020, 2022, func(y, a int) float64 { return 100 * float64(int(1)<<(y-2020)) }),
			want: []Year{
				{Year: 2021, Needed: 200, Remaining: 100, RecruitmentNeed: 100, Recruitment: 100},
				{Year: 2022, Needed: 400, Remaining: 100, RecruitmentNeed: 300, Recruitment: 200},
			},
		},
		{
			// Two bands: age 0 with 10 users (pop 100 → 150) and age 1 with
			// 30 users (pop 100 → 50); 20 årsverk for 40 users is 0,5 per
			// user. need(2021) = 0,5 × (10 × 150/100 + 30 × 50/100)
			// = 0,5 × (15 + 15) = 15.
			name: "two bands growing apart",
			m: model(2020, 2021, Retirement{}, &Area{ID: "helsestasjon", Arsverk: 20,
				Groups:    []Group{{Band: Band{0, 0}, Users: 10}, {Band: Band{1, 1}, Users: 30}},
				Workforce: []Cohort{{Band: Band{40, 40}, Arsverk: 20}}}),
			pop: popFunc(2020, 2021, func(y, a int) float64 {
				switch {
				case y == 2021 && a == 0:
					return 150
				case y == 2021 && a == 1:
					return 50
				}
				return 100
			}),
			want: []Year{{Year: 2021, Needed: 15, Remaining: 20, RecruitmentNeed: -5, Recruitment: -5}},
		},
		{
			// Coverage 0,5 of the 90+ (ages 90–100, 11 × 10 = 110 persons)
			// is 55 users for 11 årsverk: 0,2 per user. In 2021 there are
			// 11 × 20 = 220 persons: 110 users, need 22.
			name: "coverage and open band",
			m: model(2020, 2021, Retirement{}, &Area{ID: "sykehjem", Arsverk: 11,
				Groups:    []Group{{Band: Band{90, AndOlder}, Coverage: 0.5}},
				Workforce: []Cohort{{Band: Band{40, 40}, Arsverk: 11}}}),
			pop:  popFunc(2020, 2021, func(y, a int) float64 { return float64(10 * (y - 2019)) }),
			want: []Year{{Year: 2021, Needed: 22, Remaining: 11, RecruitmentNeed: 11, Recruitment: 11}},
		},
		{
			// 10 årsverk aged 65 in 2020 are 66 in 2021 and 67 in 2022,
			// when they retire: retirements 10 in 2022, remaining 0, and
			// with need constant at 10 the recruitment need is 10, all of
			// it recruited in 2022.
			name: "retirement at 67",
			m:    retireModel(Retirement{Age: 67}, Cohort{Band: Band{65, 65}, Arsverk: 10}),
			pop:  flat(2020, 2023, 100),
			want: []Year{
				{Year: 2021, Needed: 10, Remaining: 10},
				{Year: 2022, Needed: 10, Remaining: 0, Retirements: 10, RecruitmentNeed: 10, Recruitment: 10},
				{Year: 2023, Needed: 10, Remaining: 0, RecruitmentNeed: 10},
			},
		},
		{
			// Retirement age 64,5: of 10 aged 63 in 2020, half leave on
			// turning 64 in 2021, the other half on turning 65 in 2022.
			name: "average retirement age 64.5",
			m:    retireModel(Retirement{Age: 64.5}, Cohort{Band: Band{63, 63}, Arsverk: 10}),
			pop:  flat(2020, 2023, 100),
			want: []Year{
				{Year: 2021, Needed: 10, Remaining: 5, Retirements: 5, RecruitmentNeed: 5, Recruitment: 5},
				{Year: 2022, Needed: 10, Remaining: 0, Retirements: 5, RecruitmentNeed: 10, Recruitment: 5},
				{Year: 2023, Needed: 10, Remaining: 0, RecruitmentNeed: 10},
			},
		},
		{
			// 10 årsverk in 65–66 are 5 at 65 and 5 at 66: 5 retire in
			// 2021 (66 → 67) and 5 in 2022. One person aged 70, still
			// working in 2020, leaves in 2021: 5 + 1 = 6.
			name: "band spread and over the retirement age",
			m:    retireModel(Retirement{}, Cohort{Band: Band{65, 66}, Arsverk: 10}, Cohort{Band: Band{70, 70}, Arsverk: 1}),
			pop:  flat(2020, 2023, 100),
			want: []Year{
				{Year: 2021, Needed: 10, Remaining: 5, Retirements: 6, RecruitmentNeed: 5, Recruitment: 6},
				{Year: 2022, Needed: 10, Remaining: 0, Retirements: 5, RecruitmentNeed: 10, Recruitment: 5},
				{Year: 2023, Needed: 10, Remaining: 0, RecruitmentNeed: 10},
			},
		},
		{
			// 100 årsverk aged 61, 10 % early leaving at 62–66, 5 %
			// turnover. 2021 (age 62): 10 leave early, 5 % of 90 = 4,5
			// by turnover, 85,5 remain. 2022 (age 63): 8,55 leave early,
			// 5 % of 76,95 = 3,8475 by turnover, 73,1025 remain. Need is
			// 10 (today's årsverk is set to 10 however large the
			// workforce), so the recruitment need is 10 − 100 = −90 in
			// the base year, −75,5 in 2021 and −63,1025 in 2022.
			name: "early leaving and turnover",
			m: func() *Model {
				m := retireModel(Retirement{Early: []Rate{{Band{62, 66}, 0.1}}, Turnover: 0.05},
					Cohort{Band: Band{61, 61}, Arsverk: 100})
				m.EndYear = 2022
				return m
			}(),
			pop: flat(2020, 2022, 100),
			want: []Year{
				{Year: 2021, Needed: 10, Remaining: 85.5, Retirements: 10, Turnover: 4.5, RecruitmentNeed: -75.5, Recruitment: 14.5},
				{Year: 2022, Needed: 10, Remaining: 73.1025, Retirements: 8.55, Turnover: 3.8475, RecruitmentNeed: -63.1025, Recruitment: 12.3975},
			},
		},
		{
			// Without "arsverk" the area's årsverk is its workforce: 4 + 6
			// = 10, need 10; the 6 at 66 retire in 2021.
			name: "arsverk from the workforce",
			m: model(2020, 2021, Retirement{}, &Area{ID: "a",
				Groups:    []Group{{Band: Band{1, 5}, Users: 50}},
				Workforce: []Cohort{{Band: Band{30, 30}, Arsverk: 4}, {Band: Band{66, 66}, Arsverk: 6}}}),
			pop:  flat(2020, 2021, 100),
			want: []Year{{Year: 2021, Needed: 10, Remaining: 4, Retirements: 6, RecruitmentNeed: 6, Recruitment: 6}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Project(tt.m, tt.pop)
			if err != nil {
				t.Fatal(err)
			}
			got := res.Areas[0].Years
			if len(got) != len(tt.want) {
				t.Fatalf("got %d years, want %d", len(got), len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Year != w.Year || !near(g.Needed, w.Needed) || !near(g.Remaining, w.Remaining) ||
					!near(g.Retirements, w.Retirements) || !near(g.Turnover, w.Turnover) ||
					!near(g.RecruitmentNeed, w.RecruitmentNeed) || !near(g.Recruitment, w.Recruitment) {
					t.Errorf("year %d:\n got %+v\nwant %+v", w.Year, g, w)
				}
			}
		})
	}
}

// model returns a model of one area.
func model(base, end int, r Retirement, a *Area) *Model {
	return &Model{BaseYear: base, EndYear: end, Retirement: r, Areas: []*Area{a}}
}

// retireModel returns a model from 2020 to 2023 with a need held at 10
// årsverk (10 users aged 1–5 of a flat population) and the given
// workforce.
func retireModel(r Retirement, cs ...Cohort) *Model {
	return model(2020, 2023, r, &Area{ID: "a", Arsverk: 10,
		Groups: []Group{{Band: Band{1, 5}, Users: 10}}, Workforce: cs})
}

// TestProject_Persons checks that persons age and leave with the årsverk:
// 8 persons in 10 årsverk, half at 65 and half at 66, leave 4 in 2021.
func TestProject_Persons(t *testing.T) {
	m := retireModel(Retirement{}, Cohort{Band: Band{65, 66}, Arsverk: 10, Persons: 8})
	res, err := Project(m, flat(2020, 2023, 100))
	if err != nil {
		t.Fatal(err)
	}
	a := res.Areas[0]
	if a.Base.RemainingPersons != 8 || a.Years[0].RemainingPersons != 4 || a.Years[1].RemainingPersons != 0 {
		t.Errorf("persons: base %v, 2021 %v, 2022 %v; want 8, 4, 0",
			a.Base.RemainingPersons, a.Years[0].RemainingPersons, a.Years[1].RemainingPersons)
	}
	if a.PerUser != 1 || a.Users != 10 {
		t.Errorf("users %v, per user %v; want 10 and 1", a.Users, a.PerUser)
	}
}

// TestProject_Missing checks the faults that need the population.
func TestProject_Missing(t *testing.T) {
	tests := []struct {
		name string
		m    *Model
		pop  *Population
		want string
	}{
		{
			name: "year missing",
			m:    retireModel(Retirement{}),
			pop:  flat(2020, 2022, 100), // ends before 2023
			want: "omrader[0].brukergrupper[0]: befolkningen mangler året 2023",
		},
		{
			name: "age missing",
			m:    retireModel(Retirement{}),
			pop: func() *Population {
				p := NewPopulation()
				for y := 2020; y <= 2023; y++ {
					for a := 0; a <= 4; a++ { // no 5-year-olds
						p.Add(y, a, 100)
					}
				}
				return p
			}(),
			want: "omrader[0].brukergrupper[0]: befolkningen mangler 5-åringer i 2020 (aldersgruppe 1–5 år)",
		},
		{
			name: "no users",
			m: model(2020, 2021, Retirement{}, &Area{ID: "a", Arsverk: 3,
				Groups: []Group{{Band: Band{1, 5}, Users: 0}}}),
			pop:  flat(2020, 2021, 100),
			want: "omrader[0].brukergrupper: området har ingen brukere i 2020, så årsverk per bruker kan ikke beregnes",
		},
		{
			name: "users but no inhabitants",
			m: model(2020, 2021, Retirement{}, &Area{ID: "a", Arsverk: 3,
				Groups: []Group{{Band: Band{1, 5}, Users: 9}}}),
			pop:  flat(2020, 2021, 0),
			want: "omrader[0].brukergrupper[0]: gruppen har brukere, men ingen innbyggere i 1–5 år i 2020",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Project(tt.m, tt.pop)
			checkErr(t, err, nil, tt.want)
		})
	}
}
