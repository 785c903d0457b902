package report_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/report"
	"github.com/virk-analyse/virk/store/sqlite"
)

// TestBuild_EntityTableSortAndKind: «kind» keeps the children of one
// kind, «sort» orders the rows by an indicator in the last period, those
// without a value last, and faults in either are placed.
func TestBuild_EntityTableSortAndKind(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sort.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	y := virk.YearPeriod(2018)
	cs := &virk.ChangeSet{
		Files:      []virk.File{{Name: "sort", SHA256: "sort"}},
		Indicators: []*virk.Indicator{{ID: "plass", LabelNB: "Plass", Unit: virk.Unit{Name: "plass"}}},
		Entities: []*virk.Entity{
			{ID: "baerum", Name: "Bærum kommune", Kind: virk.KindMunicipality},
			{ID: "digit", Name: "Digit", Kind: virk.KindUnit, ParentID: "baerum"},
			{ID: "stab", Name: "Stab", Kind: virk.KindUnit, ParentID: "digit"},
			{ID: "p1", Name: "Prosjekt 1", Kind: virk.KindProject, ParentID: "digit"},
			{ID: "p2", Name: "Prosjekt 2", Kind: virk.KindProject, ParentID: "digit"},
			{ID: "p3", Name: "Prosjekt 3", Kind: virk.KindProject, ParentID: "digit"},
			{ID: "p4", Name: "Prosjekt 4", Kind: virk.KindProject, ParentID: "digit"},
		},
		Observations: []virk.Observation{
			{IndicatorID: "plass", EntityID: "p1", Period: y, Value: 3, Status: virk.StatusFinal},
			{IndicatorID: "plass", EntityID: "p2", Period: y, Value: 1, Status: virk.StatusFinal},
			{IndicatorID: "plass", EntityID: "p4", Period: y, Value: 2, Status: virk.StatusFinal},
			{IndicatorID: "plass", EntityID: "stab", Period: y, Value: 9, Status: virk.StatusFinal},
		},
	}
	if _, err := st.Apply(ctx, cs, virk.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	rows := func(block string) ([]string, error) {
		doc, err := report.Build(ctx, folder(okMeta, "# K\n\n```virk entity-table\ntitle: T\nindicators: plass\nyears: 2018\n"+block+"```\n"), st)
		if err != nil {
			return nil, err
		}
		var out []string
		for _, r := range doc.Tables[0].Body {
			out = append(out, r.Cells[0].Text)
		}
		return out, nil
	}
	for _, tc := range []struct {
		block string
		want  []string
	}{
		{"children: digit\nkind: prosjekt\nsort: plass\n", []string{"Prosjekt 2", "Prosjekt 4", "Prosjekt 1", "Prosjekt 3"}},
		{"children: digit\nkind: prosjekt\nsort: plass synkende\n", []string{"Prosjekt 1", "Prosjekt 4", "Prosjekt 2", "Prosjekt 3"}},
		{"children: digit\nkind: enhet\n", []string{"Stab"}},
		{"entities: p3, stab, p1\nsort: plass\n", []string{"Prosjekt 1", "Stab", "Prosjekt 3"}},
	} {
		got, err := rows(tc.block)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("%q: rows %q, %v; want %q", tc.block, got, err, tc.want)
		}
	}
	for _, tc := range []struct{ block, want string }{
		{"children: digit\nkind: vei\n", "01-kapittel.md:8: «kind» «vei» er ukjent (forventet prosjekt, bygg eller enhet)"},
		{"children: digit\nkind: bygg\n", "01-kapittel.md:8: ingen av underenhetene er av typen bygg"},
		{"children: digit\nsort: plass opp\n", "01-kapittel.md:8: «sort» «plass opp» er ugyldig"},
		{"children: digit\nsort: nope\n", "01-kapittel.md:8: ukjent indikator «nope»"},
	} {
		_, err := rows(tc.block)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.block, err, tc.want)
		}
	}
}
