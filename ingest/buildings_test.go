package ingest

import (
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
)

func catalogueOf(ents ...*virk.Entity) func(string) *virk.Entity {
	return func(id string) *virk.Entity {
		for _, e := range ents {
			if e.ID == id {
				return e
			}
		}
		return nil
	}
}

func TestReadRegistry_Buildings(t *testing.T) {
	known := catalogueOf(&virk.Entity{ID: "eiendom", Name: "Eiendom", Kind: virk.KindUnit},
		&virk.Entity{ID: "eiendom.skole", Name: "Skole", Kind: virk.KindUnit, ParentID: "eiendom"})
	data := "bygg;navn;kategori;areal;år;stasjon;åpen;helg;varmeandel\n" +
		"hosle;Hosle skole;Skole;5 400;2014;18700;07-17;nei;55 %\n" +
		"hosle;;;5 950;2017;;;;\n" +
		"solbakken;Solbakken sykehjem;Sykehjem;7 200,5;2014;SN18700;døgn;ja;\n"
	reg, err := ReadRegistry("bygg.csv", []byte(data), RegistryOptions{Entity: known, Root: "eiendom", AreaIndicator: "energi.areal"})
	if err != nil {
		t.Fatal(err)
	}
	if len(reg.Entities) != 3 {
		t.Fatalf("entities %+v", reg.Entities)
	}
	// The known category is used; Sykehjem is new below the root.
	if e := reg.Entities[0]; e.ID != "hosle" || e.ParentID != "eiendom.skole" || e.Kind != virk.KindBuilding {
		t.Errorf("hosle %+v", e)
	}
	if e := reg.Entities[1]; e.ID != "eiendom.sykehjem" || e.ParentID != "eiendom" || e.Kind != virk.KindUnit || e.Name != "Sykehjem" {
		t.Errorf("category %+v", e)
	}
	want := []*virk.Building{
		{EntityID: "hosle", Station: "SN18700", OpenFrom: 7, OpenTo: 17, HeatingShare: 0.55},
		{EntityID: "solbakken", Station: "SN18700", OpenWeekends: true},
	}
	for i, b := range reg.Buildings {
		if *b != *want[i] {
			t.Errorf("building %d: %+v, want %+v", i, b, want[i])
		}
	}
	if len(reg.Areas) != 3 || reg.Areas[1].Value != 5950 || reg.Areas[1].Period.Year != 2017 || reg.Areas[2].Value != 7200.5 {
		t.Errorf("areas %+v", reg.Areas)
	}
}

func TestReadRegistry_Meters(t *testing.T) {
	known := catalogueOf(&virk.Entity{ID: "hosle", Name: "Hosle skole", Kind: virk.KindBuilding})
	data := "måler;bygg;energibærer;hovedmåler;pris;merknad\n" +
		"707057500012345678;hosle;el;ja;1,25;\n" +
		"hosle-fv;hosle;fjernvarme;ja;;\n" +
		"hosle-vent;hosle;el;nei;;ventilasjon\n"
	reg, err := ReadRegistry("målere.csv", []byte(data), RegistryOptions{Entity: known})
	if err != nil {
		t.Fatal(err)
	}
	want := []virk.Meter{
		{ID: "707057500012345678", BuildingID: "hosle", Carrier: virk.CarrierElectricity, Main: true, Price: 1.25},
		{ID: "hosle-fv", BuildingID: "hosle", Carrier: virk.CarrierDistrictHeat, Main: true},
		{ID: "hosle-vent", BuildingID: "hosle", Carrier: virk.CarrierElectricity, Note: "ventilasjon"},
	}
	for i, m := range reg.Meters {
		if *m != want[i] {
			t.Errorf("meter %d: %+v, want %+v", i, *m, want[i])
		}
	}
}

func TestReadRegistry_Errors(t *testing.T) {
	known := catalogueOf(&virk.Entity{ID: "hosle", Name: "Hosle skole", Kind: virk.KindBuilding},
		&virk.Entity{ID: "eiendom", Name: "Eiendom", Kind: virk.KindUnit})
	opts := RegistryOptions{Entity: known, AreaIndicator: "energi.areal"}
	bh := "bygg;navn;kategori;areal;år;åpen\n"
	mh := "måler;bygg;energibærer;hovedmåler\n"
	for _, tc := range []struct{ name, data, want string }{
		{"a.csv", "bygg;farge\n", "a.csv:1:2: kolonnen «farge» er ukjent"},
		{"b.csv", bh + "ny;Ny skole;;;;\n", "b.csv:2:1: bygget ny er nytt og trenger en kategori"},
		{"c.csv", bh + "ny;Ny skole;Skole;;;\n", "c.csv:2:3: kategorien «Skole» er ikke en enhet i katalogen"},
		{"d.csv", bh + "hosle;;;5400;;\n", "d.csv:2:5: arealet trenger året det gjelder fra"},
		{"e.csv", bh + "hosle;;;-3;2014;\n", "e.csv:2:4: arealet «-3» er ikke et positivt tall"},
		{"f.csv", bh + "hosle;;;1;2014;\nhosle;;;2;2014;\n", "f.csv:3:5: bygget hosle har areal for 2014 også på linje 2"},
		{"g.csv", bh + "hosle;;;;;17-7\n", "g.csv:2:6: åpningstiden «17-7» er ugyldig"},
		{"h.csv", mh + "m1;hosle;kull;ja\n", "h.csv:2:3: energibæreren \"kull\" er ukjent"},
		{"i.csv", mh + "m1;skolen;el;ja\n", "i.csv:2:2: bygget «skolen» er ukjent"},
		{"j.csv", mh + "m1;hosle;el;kanskje\n", "j.csv:2:4: hovedmåler «kanskje» er verken ja eller nei"},
		{"k.csv", mh + "m1;hosle;el;ja\nm1;hosle;el;ja\n", "k.csv:3:1: måleren m1 er også på linje 2"},
		{"l.csv", "måler;bygg\n", "l.csv:1: en målerfil trenger kolonnen energibærer"},
		{"m.csv", bh + "eiendom;;;;;\n", "m.csv:2:1: enheten eiendom er av typen unit, ikke building"},
	} {
		_, err := ReadRegistry(tc.name, []byte(tc.data), opts)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error\n%v\nwant %q", tc.name, err, tc.want)
		}
	}
}
