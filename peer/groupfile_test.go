package peer_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/virk-analyse/virk/peer"
)

func TestReadGroups(t *testing.T) {
	src := "\ufeffkommune;gruppe;navn;fra;til\n3201;kostra13;KOSTRA-gruppe 13;2024;\n3203;naboer;Nabokommuner;;\n0219;kostra13;;;2023\n\n"
	gs, err := peer.ReadGroups(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []*peer.Group{
		{ID: "kostra13", Name: "KOSTRA-gruppe 13", Members: []peer.Member{{Ref: "3201", From: 2024}, {Ref: "0219", To: 2023}}},
		{ID: "naboer", Name: "Nabokommuner", Members: []peer.Member{{Ref: "3203"}}},
	}
	if !reflect.DeepEqual(gs, want) {
		t.Errorf("got %+v, want %+v", gs, want)
	}
	if got := gs[0].Refs(2023); !reflect.DeepEqual(got, []string{"0219"}) {
		t.Errorf("2023 members %v", got)
	}
	comma, err := peer.ReadGroups(strings.NewReader("group,municipality\nnaboer,3203\n"))
	if err != nil || len(comma) != 1 || comma[0].Members[0].Ref != "3203" {
		t.Errorf("comma-separated: %v %v", comma, err)
	}
	for name, bad := range map[string]string{
		"empty":         "",
		"no member col": "gruppe;navn\nx;y\n",
		"bad year":      "kommune;gruppe;fra\n3201;g;i fjor\n",
		"from after to": "kommune;gruppe;fra;til\n3201;g;2024;2020\n",
		"blank group":   "kommune;gruppe\n3201;\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := peer.ReadGroups(strings.NewReader(bad)); !errors.Is(err, peer.ErrGroupFile) {
				t.Errorf("got %v, want ErrGroupFile", err)
			}
		})
	}
}

func FuzzReadGroups(f *testing.F) {
	f.Add("kommune;gruppe;navn;fra;til\n3201;kostra13;K13;2024;\n")
	f.Add("group,municipality\nnaboer,3203\n")
	f.Fuzz(func(t *testing.T, s string) {
		gs, err := peer.ReadGroups(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, g := range gs {
			if g.ID == "" || len(g.Members) == 0 {
				t.Errorf("group %+v without ID or members", g)
			}
		}
	})
}
