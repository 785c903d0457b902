package peer_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/peer"
)

// vc is a code with its years, for short tables.
func vc(code string, from, to int) virk.Code { return virk.Code{Code: code, From: from, To: to} }

func TestRegister_History(t *testing.T) {
	reg := peer.NewRegister(peer.KLASS131())
	for _, tc := range []struct {
		name, code string
		year       int
		want       []virk.Code
	}{
		{"Bærum from its newest number", "3201", 2024, []virk.Code{vc("0219", 0, 2019), vc("3024", 2020, 2023), vc("3201", 2024, 0)}},
		{"Bærum from its oldest number", "0219", 2017, []virk.Code{vc("0219", 0, 2019), vc("3024", 2020, 2023), vc("3201", 2024, 0)}},
		{"Bærum from the middle", "3024", 2021, []virk.Code{vc("0219", 0, 2019), vc("3024", 2020, 2023), vc("3201", 2024, 0)}},
		{"Asker continues", "3203", 2024, []virk.Code{vc("0220", 0, 2019), vc("3025", 2020, 2023), vc("3203", 2024, 0)}},
		{"Lillestrøm is new in 2020", "3205", 2024, []virk.Code{vc("3030", 2020, 2023), vc("3205", 2024, 0)}},
		{"Røyken ends in the merger", "0627", 2019, []virk.Code{vc("0627", 0, 2019)}},
		{"Trondheim 2018 then a merger that keeps 5001", "5001", 2021, []virk.Code{vc("1601", 0, 2017), vc("5001", 2018, 0)}},
		{"Klæbu renumbered, then merged", "1662", 2017, []virk.Code{vc("1662", 0, 2017), vc("5030", 2018, 2019)}},
		{"Stavanger keeps its number", "1103", 2024, []virk.Code{vc("1103", 0, 0)}},
		{"Tromsø", "5501", 2024, []virk.Code{vc("1902", 0, 2019), vc("5401", 2020, 2023), vc("5501", 2024, 0)}},
		{"Oslo never changed", "0301", 2024, []virk.Code{vc("0301", 0, 0)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := reg.History(tc.code, tc.year); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("History(%s, %d) = %v, want %v", tc.code, tc.year, got, tc.want)
			}
		})
	}
	if e := reg.Entity("0219", 2017); e.ID != "k3201" || e.Name != "Bærum kommune" || e.Validate() != nil {
		t.Errorf("Entity(0219) = %+v", e)
	}
}

func TestRegister_Mergers(t *testing.T) {
	reg := peer.NewRegister(peer.KLASS131())
	m, ok := reg.Merger("3203", 2024)
	if !ok {
		t.Fatal("no merger found for Asker")
	}
	if m.Year != 2020 || m.Code != "3025" || len(m.Parts) != 3 || !m.Parts[0].Continues || m.Parts[1].Continues {
		t.Errorf("Asker: %+v", m)
	}
	want := "Asker (0220), Røyken (0627) og Hurum (0628) ble slått sammen til Asker kommune (3025) fra 2020."
	if !strings.HasPrefix(m.Text(), want) {
		t.Errorf("text %q, want it to start %q", m.Text(), want)
	}
	as := m.Annotations("k3203", []string{"ps_1000kr", "innbyggere"})
	if len(as) != 2 || as[0].Kind != virk.AnnotationBreak || as[0].Period != virk.YearPeriod(2020) || as[0].EntityID != "k3203" || as[0].Validate() != nil {
		t.Errorf("annotations %+v", as[0])
	}
	if l, ok := reg.Merger("3205", 2024); !ok || slices.ContainsFunc(l.Parts, func(p peer.Part) bool { return p.Continues }) {
		t.Errorf("Lillestrøm: %+v; want a merger with no continuing part", l)
	}
	if _, ok := reg.Merger("0301", 2024); ok {
		t.Error("Oslo has no merger")
	}
	var names []string // by year, then number
	for _, m := range reg.Mergers() {
		names = append(names, m.Name)
	}
	if want := []string{"Stavanger", "Sandnes", "Drammen", "Asker", "Lillestrøm", "Kristiansand", "Trondheim"}; !reflect.DeepEqual(names, want) {
		t.Errorf("mergers %v, want %v", names, want)
	}
}

// TestASSS_Membership checks the network's growth from ten to twelve in
// 2022, with members found by their number of each year.
func TestASSS_Membership(t *testing.T) {
	idx := peer.NewIndex(registerEntities(t))
	g := peer.ASSS()
	ids21, missing := g.MemberIDs(2021, idx)
	if len(ids21) != 10 || len(missing) != 0 || slices.Contains(ids21, "k3203") {
		t.Errorf("2021: %v (missing %v); want ten, without Asker", ids21, missing)
	}
	ids22, _ := g.MemberIDs(2022, idx)
	if len(ids22) != 12 || !slices.Contains(ids22, "k3203") || !slices.Contains(ids22, "k3205") {
		t.Errorf("2022: %v; want twelve with Asker and Lillestrøm", ids22)
	}
	ids17, _ := g.MemberIDs(2017, idx)
	if !reflect.DeepEqual(ids17, ids21) {
		t.Errorf("2017 %v and 2021 %v differ; numbers must resolve to the same municipalities", ids17, ids21)
	}
}

// TestBaerumSeries imports Bærum's figures under its three numbers
// (0219, 3024, 3201) and reads them back as one series.
func TestBaerumSeries(t *testing.T) {
	ents := registerEntities(t)
	inds := []*virk.Indicator{{ID: "adm_brutto_pr_innb", LabelNB: "Administrasjon pr. innb."}}
	c := importCube(t, inds, ents, "testdata/TestBaerumSeries/data.csv")
	s := c.Series("adm_brutto_pr_innb", "k3201")
	var got []string
	for _, p := range s {
		got = append(got, p.Period.String())
	}
	if want := []string{"2017", "2018", "2019", "2020", "2023", "2024"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Bærum's series has %v, want %v", got, want)
	}
	if tr, ok := s.Trend(virk.YearPeriod(2020), 3); !ok || tr != (3050-3237)/3.0 {
		t.Errorf("trend over the renumbering: %v %v", tr, ok)
	}
}

// TestBackCalculate sums Asker, Røyken and Hurum before 2020, in the years
// where all three have figures, and weights the per-inhabitant figure by
// the parts' populations.
func TestBackCalculate(t *testing.T) {
	ents := registerEntities(t)
	inds := []*virk.Indicator{
		{ID: "ps_1000kr", LabelNB: "Politisk styring", Rollup: virk.RollupSum},
		{ID: "innbyggere", LabelNB: "Innbyggere", Rollup: virk.RollupSum},
		{ID: "ps_pr_innb", LabelNB: "Pr. innb.", Formula: "ps_1000kr / innbyggere * 1000"},
		{ID: "andel", LabelNB: "Andel"},
	}
	c := importCube(t, inds, ents, "testdata/TestBackCalculate/data.csv")
	reg := peer.NewRegister(peer.KLASS131())
	m, _ := reg.Merger("3203", 2024)
	idx := peer.NewIndex(ents)
	var parts []string
	for _, p := range m.Parts {
		parts = append(parts, idx.Resolve(p.Code, m.Year-1))
	}
	if want := []string{"k3203", "k0627", "k0628"}; !reflect.DeepEqual(parts, want) {
		t.Fatalf("parts %v, want %v", parts, want)
	}
	t.Run("sum", func(t *testing.T) {
		s, err := peer.BackCalculate(c, "ps_1000kr", "k3203", parts, m.Year)
		if err != nil {
			t.Fatal(err)
		}
		// 2019 lacks Hurum: left out rather than summed in part.
		want := map[int]float64{2018: 29000, 2020: 31000}
		if len(s) != len(want) {
			t.Fatalf("series %v, want %v", s, want)
		}
		for _, p := range s {
			if want[p.Period.Year] != p.Value {
				t.Errorf("%s: %v, want %v", p.Period, p.Value, want[p.Period.Year])
			}
		}
		if !s[0].Computed || s[1].Computed {
			t.Error("the back-calculated year is computed, the stored one not")
		}
	})
	t.Run("ratio", func(t *testing.T) {
		s, err := peer.BackCalculate(c, "ps_pr_innb", "k3203", parts, m.Year)
		if err != nil {
			t.Fatal(err)
		}
		if v, ok := s.Value(virk.YearPeriod(2018)); !ok || !near(&v, 29000.0/91500*1000) {
			t.Errorf("2018: %v, want 29 000 / 91 500 × 1000", v)
		}
		if v, ok := s.Value(virk.YearPeriod(2020)); !ok || !near(&v, 31000.0/94000*1000) {
			t.Errorf("2020: %v", v)
		}
	})
	t.Run("not summable", func(t *testing.T) {
		_, err := peer.BackCalculate(c, "andel", "k3203", parts, m.Year)
		if virk.ErrorCode(err) != virk.EINVALID {
			t.Errorf("got %v, want EINVALID", err)
		}
	})
}

func TestReadKlassChanges(t *testing.T) {
	doc := `{"codeChanges":[{"oldCode":"0219","oldName":"Bærum","oldShortName":null,"newCode":"3024","newName":"Bærum","newShortName":null,"changeOccurred":"2020-01-01"}]}`
	got, err := peer.ReadKlassChanges(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if want := []peer.Change{{OldCode: "0219", OldName: "Bærum", NewCode: "3024", NewName: "Bærum", Year: 2020}}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	for name, bad := range map[string]string{
		"not json": `{`,
		"bad date": `{"codeChanges":[{"oldCode":"1","newCode":"2","changeOccurred":"i fjor"}]}`,
		"no code":  `{"codeChanges":[{"oldCode":"","newCode":"2","changeOccurred":"2020-01-01"}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := peer.ReadKlassChanges(strings.NewReader(bad)); !errors.Is(err, peer.ErrKlass) {
				t.Errorf("got %v, want ErrKlass", err)
			}
		})
	}
}

func FuzzReadKlassChanges(f *testing.F) {
	f.Add(`{"codeChanges":[{"oldCode":"0219","newCode":"3024","changeOccurred":"2020-01-01"}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		cs, err := peer.ReadKlassChanges(strings.NewReader(s))
		if err != nil {
			return
		}
		reg := peer.NewRegister(cs)
		for _, c := range cs {
			reg.History(c.NewCode, c.Year) // must not loop or panic
		}
		reg.Mergers()
	})
}
