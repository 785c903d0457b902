package peer

import (
	"reflect"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
)

// storedKOSTRA is Bærum in KOSTRA group 11 until 2023 (as 3024) and in
// group 12 from 2024 (as 3201), with an own group beside.
func storedKOSTRA() []*virk.PeerGroup {
	return []*virk.PeerGroup{
		{ID: "ekg11", Name: "KOSTRA-gruppe 11", Source: virk.PeerSourceKOSTRA, Members: []virk.PeerMember{
			{Ref: "3024", From: 2020, To: 2023}, {Ref: "3025", From: 2020, To: 2023}, {Ref: "1103", From: 2020, To: 2023},
		}},
		{ID: "ekg12", Name: "KOSTRA-gruppe 12", Source: virk.PeerSourceKOSTRA, Members: []virk.PeerMember{
			{Ref: "3201", From: 2024}, {Ref: "4601", From: 2024}, {Ref: "1103", From: 2024},
		}},
		{ID: "naboer", Name: "Naboer", Source: virk.PeerSourceOwn, Members: []virk.PeerMember{{Ref: "3201"}, {Ref: "3203"}}},
	}
}

var baerum = &virk.Entity{ID: "baerum", Name: "Bærum kommune", Kind: virk.KindMunicipality, Codes: []virk.Code{
	{Code: "0219", To: 2019}, {Code: "3024", From: 2020, To: 2023}, {Code: "3201", From: 2024},
}}

func TestOwnKOSTRA(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		g, err := OwnKOSTRA(storedKOSTRA(), baerum, 2024)
		if err != nil {
			t.Fatal(err)
		}
		if g.ID != "kostra" || g.Name != "KOSTRA-gruppe 12" {
			t.Errorf("group %s %q, want kostra, KOSTRA-gruppe 12", g.ID, g.Name)
		}
		for y, want := range map[int][]string{
			2019: nil,
			2020: {"3024", "3025", "1103"},
			2023: {"3024", "3025", "1103"},
			2024: {"3201", "4601", "1103"},
			2030: {"3201", "4601", "1103"},
		} {
			if got := g.Refs(y); !reflect.DeepEqual(got, want) {
				t.Errorf("members %d = %v, want %v", y, got, want)
			}
		}
	})
	t.Run("OKName", func(t *testing.T) {
		for y, want := range map[int]string{2021: "KOSTRA-gruppe 11", 0: "KOSTRA-gruppen"} {
			g, err := OwnKOSTRA(storedKOSTRA(), baerum, y)
			if err != nil || g.Name != want {
				t.Errorf("year %d: %v, %v; want %q", y, g, err, want)
			}
		}
		g, err := OwnKOSTRA(storedKOSTRA()[1:], baerum, 0)
		if err != nil || g.Name != "KOSTRA-gruppe 12" {
			t.Errorf("one group: %v, %v", g, err)
		}
	})
	t.Run("ErrNotInYear", func(t *testing.T) {
		_, err := OwnKOSTRA(storedKOSTRA(), baerum, 2019)
		if virk.ErrorCode(err) != virk.ENOTFOUND || !strings.Contains(virk.ErrorMessage(err), "Bærum kommune er ikke med i noen lagret KOSTRA-gruppe i 2019") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("ErrNone", func(t *testing.T) {
		// The own group holds Bærum, but it is no KOSTRA group.
		_, err := OwnKOSTRA(storedKOSTRA()[2:], baerum, 0)
		if virk.ErrorCode(err) != virk.ENOTFOUND || !strings.Contains(virk.ErrorMessage(err), "ingen lagret KOSTRA-gruppe har med Bærum kommune") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("ErrTwoGroups", func(t *testing.T) {
		gs := storedKOSTRA()
		gs[0].Members[0].To = 2024
		_, err := OwnKOSTRA(gs, baerum, 0)
		if virk.ErrorCode(err) != virk.EINVALID || !strings.Contains(virk.ErrorMessage(err), "med i både ekg11 (KOSTRA-gruppe 11) og ekg12 (KOSTRA-gruppe 12) i 2024") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestStoredRoundTrip(t *testing.T) {
	g := &Group{ID: "Naboer", Name: "Naboer", Members: []Member{{Ref: "3203", From: 2020}, {Ref: "0301", To: 2023}}}
	s := ToStored(g, virk.PeerSourceOwn, "naboer.csv")
	want := &virk.PeerGroup{ID: "naboer", Name: "Naboer", Source: "egen", Note: "naboer.csv",
		Members: []virk.PeerMember{{Ref: "3203", From: 2020}, {Ref: "0301", To: 2023}}}
	if !reflect.DeepEqual(s, want) {
		t.Fatalf("ToStored = %+v", s)
	}
	back := FindStored([]*virk.PeerGroup{s}, "NABOER")
	if back == nil || back.ID != "naboer" || !reflect.DeepEqual(back.Members, g.Members) {
		t.Errorf("FindStored = %+v", back)
	}
	if FindStored([]*virk.PeerGroup{s}, "asss") != nil {
		t.Error("found a group that is not stored")
	}
}

func TestYearsText(t *testing.T) {
	for _, tt := range []struct {
		from, to int
		want     string
	}{{0, 0, "alle år"}, {2024, 0, "2024–"}, {0, 2019, "–2019"}, {2020, 2023, "2020–2023"}, {2024, 2024, "2024"}} {
		if got := YearsText(tt.from, tt.to); got != tt.want {
			t.Errorf("YearsText(%d, %d) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}
