package load

import (
	"context"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/energy"
	"github.com/virk-analyse/virk/store/sqlite"
)

// TestDemo loads the whole demo into a store in one batch and checks what
// came of each part: the meters of the energy follow-up, which computing
// again from the store does not change, and the figures of chapter 6
// computed from the HR extract, with the suppressed minority cell. A
// second load changes nothing.
func TestDemo(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "virk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := Demo(ctx, st, "demo")
	if err != nil {
		t.Fatal(err)
	}
	if res.Batch == nil || res.Batch.ID != 1 || res.Summary.Meters.Added != 2+11+18 {
		t.Fatalf("batch %v, summary %+v", res.Batch, res.Summary)
	}
	hr := 0
	for _, f := range res.Batch.Files {
		if f.Name == "demo/hr/ansatte.csv" || f.Name == "demo/hr/fravaer.csv" {
			if len(f.SHA256) != 64 {
				t.Errorf("file %s without its hash: %q", f.Name, f.SHA256)
			}
			hr++
		}
	}
	if hr != 2 {
		t.Errorf("the batch records %d of the two HR files: %+v", hr, res.Batch.Files)
	}

	obs, err := st.FindObservations(ctx, virk.ObservationFilter{
		IndicatorIDs: []string{"sykefravaer", "sykefravaer_langtid", "sykefravaer_korttid", "minoritet_menn", "laerlinger", "andel_100_stilling"},
		EntityIDs:    []string{"baerum", "oppvekst_barnehage", "barnehage_vest", "pleie_omsorg"},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*virk.Observation{}
	for _, o := range obs {
		got[o.IndicatorID+" "+o.EntityID+" "+o.Period.String()] = o
	}
	for _, c := range []struct {
		key  string
		want float64
		dec  int
	}{
		{"sykefravaer baerum 2018", 7.3, 1},
		{"sykefravaer baerum 2017", 7.5, 1},
		{"sykefravaer_langtid baerum 2018", 4.7, 1},
		{"sykefravaer_korttid baerum 2018", 2.6, 1},
		{"sykefravaer pleie_omsorg 2018", 9.0, 1},
		{"sykefravaer oppvekst_barnehage 2018", 8.1, 1},
		{"laerlinger baerum 2018", 88, 0},
		{"laerlinger baerum 2013", 68, 0}, // typed in: before the extract
		{"andel_100_stilling baerum 2018", 57, 0},
		{"minoritet_menn oppvekst_barnehage 2018", 8, 0},
	} {
		o := got[c.key]
		if o == nil {
			t.Errorf("%s: not stored", c.key)
			continue
		}
		p := math.Pow(10, float64(c.dec))
		if o.Status != virk.StatusFinal || math.Round(o.Value*p)/p != c.want {
			t.Errorf("%s = %v (%s), want %v", c.key, o.Value, o.Status, c.want)
		}
	}
	if o := got["minoritet_menn barnehage_vest 2018"]; o == nil || o.Status != virk.StatusSuppressed {
		t.Errorf("minoritet_menn barnehage_vest 2018 = %+v, want suppressed", o)
	}
	if o := got["sykefravaer baerum 2018H2"]; o == nil || o.Status != virk.StatusFinal {
		t.Errorf("sykefravaer baerum 2018H2 = %+v, want a half-year figure", o)
	}
	ind, err := st.FindIndicatorByID(ctx, "sykefravaer")
	if err != nil || !ind.Personnel || len(ind.Targets) == 0 || ind.Targets[0].Value != 7 {
		t.Errorf("sykefravaer: %+v, %v; want personnel data with the catalogue's target of 7", ind, err)
	}

	// The projection: the base year's need is today's årsverk in the
	// model, 2 082 in pleie og omsorg, of which the workforce by age holds
	// 12 + 310 + 440 + 500 + 520 + 300 = 2 082; the assumptions are a
	// comment on the series.
	proj, err := st.FindObservations(ctx, virk.ObservationFilter{
		IndicatorIDs: []string{"prognose_arsverk_behov", "prognose_rekrutteringsbehov"}, EntityIDs: []string{"pleie_omsorg"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(proj) != 2*23 || proj[0].Period.Year != 2018 || proj[0].Value != 2082 || proj[23].Value != 0 {
		t.Errorf("projection of pleie og omsorg: %d figures, first %+v, recruitment need %+v; want 2018–2040 from 2 082 and a need of 0", len(proj), proj[0], proj[23])
	}
	anns, err := st.FindAnnotations(ctx, virk.AnnotationFilter{IndicatorIDs: []string{"prognose_arsverk_behov"}})
	if err != nil || len(anns) != 3 || !strings.HasPrefix(anns[0].Text, "Forutsetninger for framskrivingen:") {
		t.Errorf("assumptions: %v, %+v; want one comment for each of the three areas", err, anns)
	}

	_, stored, err := energy.Run(ctx, st, "demo")
	if err != nil {
		t.Fatal(err)
	}
	if stored.Batch != nil || stored.Observations.Changed != 0 || stored.Observations.Added != 0 || stored.AlertsAdded != 0 || stored.AlertsUpdated != 0 {
		t.Errorf("computing again from the store changed %+v", stored)
	}
	res, err = Demo(ctx, st, "demo")
	if err != nil || res.Batch != nil {
		t.Fatalf("second load: %v, %v", res.Batch, err)
	}
}
