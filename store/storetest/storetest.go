// Package storetest is the contract suite that every virk.Store backend
// must pass. A backend's tests call Run with a function that opens a new,
// empty store:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) virk.Store { return MustOpenDB(t) })
//	}
package storetest

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
)

// Opener returns a new, empty store that is closed when t ends.
type Opener func(t *testing.T) virk.Store

// Run runs every contract test against the stores that open returns. The
// tests run in parallel, each on stores of its own, so open must be safe
// for concurrent use.
func Run(t *testing.T, open func(t *testing.T) virk.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open Opener)
	}{
		{"Indicator_FindIndicatorByID", testIndicatorFindIndicatorByID},
		{"Indicator_FindIndicators", testIndicatorFindIndicators},
		{"Entity_FindEntityByID", testEntityFindEntityByID},
		{"Entity_FindEntities", testEntityFindEntities},
		{"Observation_FindObservations", testObservationFindObservations},
		{"Observation_FindRevisions", testObservationFindRevisions},
		{"Annotation_FindAnnotations", testAnnotationFindAnnotations},
		{"Import_Apply", testImportApply},
		{"Import_ApplyInvalid", testImportApplyInvalid},
		{"Import_FindBatches", testImportFindBatches},
		{"Import_DataVersion", testImportDataVersion},
		{"Import_DryRunSameAsReal", testImportDryRunSameAsReal},
		{"Import_Concurrent", testImportConcurrent},
		{"Import_DryRunDuringImport", testImportDryRunDuringImport},
		{"Import_WaitCancelled", testImportWaitCancelled},
		{"PeerGroup_UpdatePeerGroups", testPeerGroupUpdatePeerGroups},
		{"PeerGroup_DataVersion", testPeerGroupDataVersion},
		{"User_CreateFind", testUserCreateFind},
		{"User_Update", testUserUpdate},
		{"User_UpdateConcurrent", testUserUpdateConcurrent},
		{"User_Delete", testUserDelete},
		{"Session", testSession},
		{"Token", testToken},
		{"Audit", testAudit},
		{"Setting", testSetting},
		{"Setting_Concurrent", testSettingConcurrent},
		{"Indicator_Personnel", testIndicatorPersonnel},
		{"Energy_Apply", testEnergyApply},
		{"Energy_ApplyInvalid", testEnergyApplyInvalid},
		{"Energy_ApplyCatalogue", testEnergyApplyCatalogue},
		{"Energy_DryRunSameAsReal", testEnergyDryRunSameAsReal},
		{"Energy_Alerts", testEnergyAlerts},
		{"Portfolio_Apply", testPortfolioApply},
		{"Portfolio_ApplyInvalid", testPortfolioApplyInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.fn(t, open)
		})
	}
}

// Indicators returns a small catalogue that uses every indicator field:
// targets of both kinds, a KOSTRA reference, a roll-up rule, a deflator
// and a derived indicator.
func Indicators() []*virk.Indicator {
	return []*virk.Indicator{
		{
			ID: "sykefravaer", LabelNB: "Sykefravær", LabelEN: "Sick leave",
			Unit: virk.Unit{Name: "%", Decimals: 1}, Direction: virk.Down,
			Category: "Organisasjon", Source: "HR",
			Targets: []virk.Target{
				{Kind: virk.TargetAbsolute, Value: 7, Year: 2024, Note: "Økonomiplanen"},
				{Kind: virk.TargetRelative, Value: -12.5, BaseYear: 2016, Year: 2020, EntityID: "skole-a"},
			},
			Note: "Legemeldt og egenmeldt.",
		},
		{
			ID: "netto_driftsresultat", LabelNB: "Netto driftsresultat",
			Unit: virk.Unit{Name: "%", Decimals: 1}, Direction: virk.Up, Category: "Økonomi",
			Source: "SSB KOSTRA",
			Kostra: &virk.KostraRef{Table: "12134", Function: "", Type: "AGD2", Scope: "A", Variable: "KOSAG110000"},
		},
		{
			ID: "lonn", LabelNB: "Lønnsutgifter", Unit: virk.Unit{Name: "mill. kr", Decimals: 1},
			Category: "Økonomi", Rollup: virk.RollupSum, Deflator: "kpi",
		},
		{ID: "kpi", LabelNB: "Konsumprisindeks", Unit: virk.Unit{Name: "indeks", Decimals: 1}, Category: "Økonomi"},
		{
			ID: "lonnsandel", LabelNB: "Lønn i prosent av driftsutgifter", Unit: virk.Unit{Name: "%", Decimals: 1},
			Category: "Økonomi", Formula: "lonn / brutto_driftsutgifter * 100",
		},
	}
}

// Entities returns a municipality with a number history and a small
// organisation tree, with children listed before their parents and codes
// out of order, plus a second municipality.
func Entities() []*virk.Entity {
	return []*virk.Entity{
		{ID: "skole-a", Name: "A skole", Kind: virk.KindBuilding, ParentID: "oppvekst"},
		{ID: "oppvekst", Name: "Oppvekst", NameEN: "Education", Kind: virk.KindUnit, ParentID: "3201"},
		{ID: "3201", Name: "Bærum", NameEN: "Baerum", Kind: virk.KindMunicipality, Codes: []virk.Code{
			{Code: "3201", From: 2024}, {Code: "0219", To: 2019}, {Code: "3024", From: 2020, To: 2023},
		}},
		{ID: "3203", Name: "Asker", Kind: virk.KindMunicipality, Codes: []virk.Code{{Code: "3203", From: 2024}}},
	}
}

// Obs returns a final observation; period is in any form ParsePeriod reads.
func Obs(ind, ent, period string, value float64) virk.Observation {
	return virk.Observation{IndicatorID: ind, EntityID: ent, Period: virk.MustParsePeriod(period),
		Value: value, Status: virk.StatusFinal, Source: "test.csv"}
}

// Catalogue returns a change set with Indicators and Entities only.
func Catalogue() *virk.ChangeSet {
	return &virk.ChangeSet{Indicators: Indicators(), Entities: Entities()}
}

// Base returns the catalogue plus a few observations, read from one file.
func Base() *virk.ChangeSet {
	cs := Catalogue()
	cs.Files = []virk.File{{Name: "base.csv", SHA256: strings.Repeat("ab", 32)}}
	cs.Observations = []virk.Observation{
		Obs("sykefravaer", "3201", "2022", 7.5),
		Obs("sykefravaer", "3201", "2023", 7.25),
		Obs("sykefravaer", "3203", "2023", 6.75),
		Obs("netto_driftsresultat", "3201", "2023", 1.5),
		Obs("sykefravaer", "skole-a", "2023Q1", 8.5),
	}
	return cs
}

// MustOpen opens a store with open, fails the test if that fails, and
// closes the store when the test ends.
func MustOpen[S virk.Store](tb testing.TB, open func(ctx context.Context) (S, error)) S {
	tb.Helper()
	s, err := open(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// MustApply applies cs and fails the test on error.
func MustApply(tb testing.TB, s virk.Store, cs *virk.ChangeSet, opts virk.ApplyOptions) *virk.ApplyResult {
	tb.Helper()
	res, err := s.Apply(context.Background(), cs, opts)
	if err != nil {
		tb.Fatalf("Apply: %v", err)
	}
	return res
}

// mustObservations returns the observations matching filter.
func mustObservations(tb testing.TB, s virk.Store, filter virk.ObservationFilter) []*virk.Observation {
	tb.Helper()
	obs, err := s.FindObservations(context.Background(), filter)
	if err != nil {
		tb.Fatalf("FindObservations: %v", err)
	}
	return obs
}

// mustBatches returns the stored batches.
func mustBatches(tb testing.TB, s virk.Store) []*virk.Batch {
	tb.Helper()
	batches, err := s.FindBatches(context.Background())
	if err != nil {
		tb.Fatalf("FindBatches: %v", err)
	}
	return batches
}

// equal fails the test with both values printed when got != want.
func equal[T any](tb testing.TB, what string, got, want T) {
	tb.Helper()
	if !reflect.DeepEqual(got, want) {
		tb.Errorf("%s:\n got  %+v\n want %+v", what, got, want)
	}
}

// wantCode fails the test unless err has the given virk code.
func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := virk.ErrorCode(err); got != code {
		tb.Fatalf("error code = %q, want %q (err: %v)", got, code, err)
	}
}

// keys returns "indicator/entity/period=value status" for each
// observation, a compact form to compare lists with.
func keys(obs []*virk.Observation) []string {
	out := make([]string, len(obs))
	for i, o := range obs {
		out[i] = fmt.Sprintf("%s/%s/%s=%g %s", o.IndicatorID, o.EntityID, o.Period, o.Value, o.Status)
	}
	return out
}
