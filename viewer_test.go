package virk_test

import (
	"context"
	"slices"
	"testing"

	"github.com/virk-analyse/virk"
)

// tree is baerum → osu → {digit, styring}, baerum → oppvekst.
func tree() *virk.Catalogue {
	inds := []*virk.Indicator{
		{ID: "sykefravaer", LabelNB: "Sykefravær", Personnel: true},
		{ID: "arsverk", LabelNB: "Årsverk"},
	}
	ents := []*virk.Entity{
		{ID: "baerum", Kind: virk.KindMunicipality},
		{ID: "osu", ParentID: "baerum", Kind: virk.KindUnit},
		{ID: "digit", ParentID: "osu", Kind: virk.KindUnit},
		{ID: "styring", ParentID: "osu", Kind: virk.KindUnit},
		{ID: "oppvekst", ParentID: "baerum", Kind: virk.KindUnit},
	}
	return virk.NewCatalogue(inds, ents)
}

func ids(es []*virk.Entity) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

func TestCatalogue_Subtree(t *testing.T) {
	c := tree()
	if got, want := ids(c.Subtree("osu")), []string{"osu", "digit", "styring"}; !slices.Equal(got, want) {
		t.Errorf("Subtree(osu) = %v, want %v", got, want)
	}
	if got, want := ids(c.Subtree("baerum")), []string{"baerum", "osu", "digit", "styring", "oppvekst"}; !slices.Equal(got, want) {
		t.Errorf("Subtree(baerum) = %v, want %v", got, want)
	}
	if got := c.Subtree("nope"); got != nil {
		t.Errorf("Subtree(nope) = %v, want nil", ids(got))
	}
	if !c.Within("digit", "baerum") || c.Within("oppvekst", "osu") || !c.Within("osu", "osu") {
		t.Error("Within is wrong")
	}
	// A parent loop in bad data ends the walk.
	loop := virk.NewCatalogue(nil, []*virk.Entity{{ID: "a", ParentID: "b"}, {ID: "b", ParentID: "a"}})
	if got := ids(loop.Subtree("a")); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("loop Subtree(a) = %v", got)
	}
	if loop.Within("a", "c") {
		t.Error("Within in a loop must end and be false")
	}
}

func TestParseGrant(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"leder:osu,digit", "leder:osu,digit", ""},
		{" Analytiker ", "analytiker", ""},
		{"hr", "hr", ""},
		{"leder", "", "rollen leder må gjelde minst én enhet (for eksempel leder:osu)"},
		{"sjef", "", "ukjent rolle «sjef» (kjente roller: leser, leder, analytiker, hr, administrator)"},
		{"publikum", "", "ukjent rolle «publikum» (kjente roller: leser, leder, analytiker, hr, administrator)"},
		{"leder:o s", "", `rolle leder: id "o s" kan bare ha bokstaver, sifre og . _ - : (fant ' ')`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			g, err := virk.ParseGrant(tt.in)
			if tt.err != "" {
				if virk.ErrorMessage(err) != tt.err {
					t.Fatalf("error %q, want %q", virk.ErrorMessage(err), tt.err)
				}
				return
			}
			if err != nil || g.String() != tt.want {
				t.Fatalf("got %q, %v; want %q", g.String(), err, tt.want)
			}
		})
	}
}

func TestViewer(t *testing.T) {
	c := tree()
	sick := c.Indicator("sykefravaer")
	fte := c.Indicator("arsverk")
	leader := virk.NewViewer(&virk.User{Login: "a", Grants: []virk.Grant{{Role: virk.RoleLeader, Units: []string{"osu"}}}}, c)
	hr := virk.NewViewer(&virk.User{Login: "h", Grants: []virk.Grant{{Role: virk.RoleHR}, {Role: virk.RoleReader}}}, c)
	reader := virk.NewViewer(&virk.User{Login: "r", Grants: []virk.Grant{{Role: virk.RoleReader}}}, c)
	public := virk.PublicViewer()
	disabled := virk.NewViewer(&virk.User{Login: "d", Disabled: true, Grants: []virk.Grant{{Role: virk.RoleHR}}}, c)

	tests := []struct {
		name   string
		v      *virk.Viewer
		entity string
		want   bool
	}{
		{"leader own unit", leader, "osu", true},
		{"leader child", leader, "digit", true},
		{"leader parent", leader, "baerum", false},
		{"leader sibling", leader, "oppvekst", false},
		{"hr anywhere", hr, "oppvekst", true},
		{"reader", reader, "osu", false},
		{"public", public, "osu", false},
		{"disabled hr", disabled, "osu", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.v.Sees(sick, tt.entity); got != tt.want {
				t.Errorf("Sees(sykefravaer, %s) = %v, want %v", tt.entity, got, tt.want)
			}
			if !tt.v.Sees(fte, tt.entity) {
				t.Errorf("Sees(arsverk, %s) = false; figures that are not personnel data are for everyone", tt.entity)
			}
		})
	}
	if reader.Key() == leader.Key() || reader.Key() == public.Key() || hr.Key() == leader.Key() {
		t.Errorf("viewers who see different figures share a key: %q %q %q %q", reader.Key(), leader.Key(), public.Key(), hr.Key())
	}
	// Two leaders of the same units see the same: one key.
	other := virk.NewViewer(&virk.User{Login: "b", Grants: []virk.Grant{{Role: virk.RoleLeader, Units: []string{"digit", "osu"}}}}, c)
	if other.Key() != leader.Key() {
		t.Errorf("same scope, different keys: %q and %q", other.Key(), leader.Key())
	}
	if disabled.Key() != public.Key() || disabled.ReadsFigures() {
		t.Errorf("a disabled user must be the public, key %q", disabled.Key())
	}
}

// obsStore serves fixed observations; only FindObservations is used.
type obsStore struct {
	virk.Store
	obs []*virk.Observation
}

func (s *obsStore) FindObservations(ctx context.Context, f virk.ObservationFilter) ([]*virk.Observation, error) {
	return slices.Clone(s.obs), nil
}

func TestViewer_Limit(t *testing.T) {
	c := tree()
	st := &obsStore{obs: []*virk.Observation{
		{IndicatorID: "sykefravaer", EntityID: "baerum"},
		{IndicatorID: "sykefravaer", EntityID: "digit"},
		{IndicatorID: "sykefravaer", EntityID: "oppvekst"},
		{IndicatorID: "arsverk", EntityID: "oppvekst"},
		{IndicatorID: "ukjent", EntityID: "osu"},
	}}
	leader := virk.NewViewer(&virk.User{Login: "a", Grants: []virk.Grant{{Role: virk.RoleLeader, Units: []string{"osu"}}}}, c)
	obs, err := leader.Limit(st, c).FindObservations(context.Background(), virk.ObservationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range obs {
		got = append(got, o.IndicatorID+"/"+o.EntityID)
	}
	if want := []string{"sykefravaer/digit", "arsverk/oppvekst"}; !slices.Equal(got, want) {
		t.Errorf("leader of osu reads %v, want %v", got, want)
	}
	hr := virk.NewViewer(&virk.User{Login: "h", Grants: []virk.Grant{{Role: virk.RoleHR}}}, c)
	if hr.Limit(st, c) != virk.Store(st) {
		t.Error("hr sees everything: Limit must return the store itself")
	}
}

// TestViewer_LimitLaggingCatalogue: a catalogue built before a personnel
// indicator was stored does not know it; Limit withholds it rather than
// show it, even when the catalogue has no personnel indicator at all.
func TestViewer_LimitLaggingCatalogue(t *testing.T) {
	old := virk.NewCatalogue([]*virk.Indicator{{ID: "arsverk", LabelNB: "Årsverk"}}, tree().Entities)
	st := &obsStore{obs: []*virk.Observation{
		{IndicatorID: "arsverk", EntityID: "osu"},
		{IndicatorID: "ny_personal", EntityID: "osu"},
	}}
	reader := virk.NewViewer(&virk.User{Login: "r", Grants: []virk.Grant{{Role: virk.RoleReader}}}, old)
	obs, err := reader.Limit(st, old).FindObservations(context.Background(), virk.ObservationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(obs) != 1 || obs[0].IndicatorID != "arsverk" {
		t.Errorf("reader reads %v, want only arsverk", obs)
	}
}
