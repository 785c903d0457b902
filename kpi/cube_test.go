package kpi_test

import (
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

func obs(ind, ent string, year int, v float64) *virk.Observation {
	return &virk.Observation{IndicatorID: ind, EntityID: ent, Period: virk.YearPeriod(year), Value: v, Status: virk.StatusFinal}
}

func testCube(t *testing.T, extra ...*virk.Indicator) *kpi.Cube {
	t.Helper()
	inds := append([]*virk.Indicator{
		{ID: "fte", LabelNB: "Årsverk", Unit: virk.Unit{Name: "årsverk", Decimals: 1}, Rollup: virk.RollupSum},
		{ID: "lonn", LabelNB: "Lønn", Unit: virk.Unit{Name: "mill. kr", Decimals: 1}},
		{ID: "brutto", LabelNB: "Brutto", Unit: virk.Unit{Name: "mill. kr", Decimals: 1}, Deflator: "defl"},
		{ID: "lonn_andel", LabelNB: "Lønnsandel", Unit: virk.Unit{Name: "%"}, Formula: "lonn / brutto * 100"},
		{ID: "defl", LabelNB: "Deflator", Unit: virk.Unit{Name: "indeks", Decimals: 1}},
	}, extra...)
	ents := []*virk.Entity{
		{ID: "kommune", Name: "Kommune", Kind: virk.KindMunicipality},
		{ID: "osu", Name: "OSU", Kind: virk.KindUnit, ParentID: "kommune"},
		{ID: "a", Name: "A", Kind: virk.KindUnit, ParentID: "osu"},
		{ID: "b", Name: "B", Kind: virk.KindUnit, ParentID: "osu"},
		{ID: "skole", Name: "Skole", Kind: virk.KindUnit, ParentID: "kommune"},
		{ID: "norge", Name: "Norge", Kind: virk.KindGroup},
	}
	o := []*virk.Observation{
		obs("fte", "a", 2017, 342.2), obs("fte", "b", 2017, 85.8),
		obs("fte", "a", 2018, 340.5), obs("fte", "b", 2018, 104.4),
		obs("fte", "osu", 2018, 444.8), // a published total wins over 444,9
		obs("lonn", "osu", 2018, 573.9), obs("brutto", "osu", 2018, 1809.2),
		obs("brutto", "osu", 2017, 1644.4),
		obs("defl", "norge", 2017, 100), obs("defl", "norge", 2018, 102.8),
	}
	c, err := kpi.NewCube(inds, ents, o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCube_Rollup(t *testing.T) {
	c := testCube(t)
	s := c.Series("fte", "osu")
	if v, _ := s.Value(virk.YearPeriod(2017)); !near(v, 428.0) {
		t.Errorf("2017 rolled up = %v, want 428.0", v)
	}
	if p, _ := s.At(virk.YearPeriod(2017)); !p.Computed {
		t.Error("a rolled-up value must be marked computed")
	}
	if v, _ := s.Value(virk.YearPeriod(2018)); !near(v, 444.8) {
		t.Errorf("2018 = %v, want the stored 444.8", v)
	}
	// The municipality has a second unit without FTE figures: no sum.
	if s := c.Series("fte", "kommune"); len(s) != 0 {
		t.Errorf("kommune = %v; a partial sum must not be shown", s)
	}
	if got := strings.Join(c.Entities("fte"), ","); got != "a,b,osu" {
		t.Errorf("Entities(fte) = %s", got)
	}
}

func TestCube_Derived(t *testing.T) {
	c := testCube(t)
	s := c.Series("lonn_andel", "osu")
	if len(s) != 1 {
		t.Fatalf("series = %v, want only 2018 (lonn is missing in 2017)", s)
	}
	if v, _ := s.Value(virk.YearPeriod(2018)); !near(v, 573.9/1809.2*100) {
		t.Errorf("share = %v", v)
	}
}

func TestCube_Deflated(t *testing.T) {
	c := testCube(t)
	s, err := c.Deflated("brutto", "osu", 2017)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Value(virk.YearPeriod(2018)); !near(v, 1809.2*100/102.8) {
		t.Errorf("2018 in 2017-kr = %v", v)
	}
	if v, _ := s.Value(virk.YearPeriod(2017)); !near(v, 1644.4) {
		t.Errorf("the base year is unchanged: %v", v)
	}
	if _, err := c.Deflated("lonn", "osu", 2017); err == nil || !strings.Contains(virk.ErrorMessage(err), "ingen deflator") {
		t.Errorf("err = %v", err)
	}
	if _, err := c.Deflated("brutto", "osu", 2010); err == nil || !strings.Contains(virk.ErrorMessage(err), "basisåret 2010") {
		t.Errorf("err = %v", err)
	}
}

func TestNewCube_Err(t *testing.T) {
	tests := []struct {
		name string
		ind  *virk.Indicator
		msg  string
	}{
		{"unknown ref", &virk.Indicator{ID: "x", LabelNB: "X", Formula: "nope * 2"}, "ukjent indikator «nope»"},
		{"syntax", &virk.Indicator{ID: "x", LabelNB: "X", Formula: "lonn +"}, "unexpected end"},
		{"cycle", &virk.Indicator{ID: "x", LabelNB: "X", Formula: "y + 1"}, "i ring"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			extra := []*virk.Indicator{tt.ind}
			if tt.name == "cycle" {
				extra = append(extra, &virk.Indicator{ID: "y", LabelNB: "Y", Formula: "x * 2"})
			}
			_, err := kpi.NewCube(extra, nil, nil)
			if err == nil || !strings.Contains(virk.ErrorMessage(err), tt.msg) {
				t.Errorf("err = %v, want %q", err, tt.msg)
			}
		})
	}
}

func TestBuild(t *testing.T) {
	c := testCube(t)
	inds := []*virk.Indicator{c.Indicator("fte"), c.Indicator("lonn_andel")}
	ents := []*virk.Entity{c.Entity("osu"), c.Entity("a")}
	anns := []*virk.Annotation{{Kind: virk.AnnotationBreak, IndicatorID: "fte", EntityID: "osu", Period: virk.YearPeriod(2017), Text: "Omorganisering"}}
	sc, err := kpi.Build(c, inds, ents, anns, kpi.Options{TrendYears: 1})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range sc.Rows {
		got = append(got, r.Indicator+"/"+r.Entity)
	}
	if strings.Join(got, " ") != "fte/osu fte/a lonn_andel/osu" {
		t.Fatalf("rows = %v", got)
	}
	r := sc.Rows[0]
	if r.Latest == nil || r.Latest.Period != "2018" || !near(*r.Latest.ChangePct, (444.8/428.0-1)*100) {
		t.Errorf("latest = %+v", r.Latest)
	}
	if r.Trend == nil || !near(r.Trend.PerYear, 444.8-428.0) || r.Trend.Judgement != kpi.Neutral {
		t.Errorf("trend = %+v", r.Trend)
	}
	if len(r.Annotations) != 1 || r.Annotations[0].Period != "2017" {
		t.Errorf("annotations = %+v", r.Annotations)
	}
}
