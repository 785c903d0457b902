package kostra

import (
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
)

const klassFixture = "testdata/klass-kostragrupper-konstruert.json"

// klassServer serves body (with status) at /correspondencetables/1358.json
// and 404 elsewhere, and records the paths asked for.
func klassServer(t *testing.T, status int, body []byte) (*Klass, *[]string) {
	t.Helper()
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path)
		if r.URL.Path != "/correspondencetables/1358.json" {
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`{"error":"Correspondence table not found"}`))
			return
		}
		w.WriteHeader(status)
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return &Klass{BaseURL: srv.URL, Client: &Client{Pace: -1, Retries: -1}}, &paths
}

func TestKlass_Correspondence(t *testing.T) {
	fixture, err := os.ReadFile(klassFixture)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("OK", func(t *testing.T) {
		k, paths := klassServer(t, http.StatusOK, fixture)
		c, err := k.Correspondence(t.Context(), "1358")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(*paths, []string{"/correspondencetables/1358.json"}) {
			t.Errorf("asked for %v", *paths)
		}
		gs, err := KOSTRAGroups(c, 2024, 0)
		if err != nil {
			t.Fatal(err)
		}
		note := " — SSB, KLASS-korrespondanse 1358 (Konstruert eksempel: KOSTRA-grupper til kommuner (ikke SSBs data))"
		want := []*virk.PeerGroup{
			{ID: "ekg01", Name: "KOSTRA-gruppe 1", Source: "kostra", Note: "Konstruert gruppe en" + note,
				Members: []virk.PeerMember{{Ref: "3101", From: 2024}}},
			{ID: "ekg12", Name: "KOSTRA-gruppe 12", Source: "kostra", Note: "Konstruert gruppe tolv" + note,
				Members: []virk.PeerMember{{Ref: "3201", From: 2024}, {Ref: "3203", From: 2024}, {Ref: "3205", From: 2024}}},
			{ID: "ekg13", Name: "KOSTRA-gruppe 13", Source: "kostra", Note: "Konstruert gruppe tretten" + note,
				Members: []virk.PeerMember{{Ref: "4601", From: 2024}, {Ref: "1103", From: 2024}}},
		}
		if !reflect.DeepEqual(gs, want) {
			for i := range gs {
				t.Errorf("group %d: %+v", i, *gs[i])
			}
		}
		for _, g := range gs {
			if err := g.Validate(); err != nil {
				t.Errorf("%s does not validate: %v", g.ID, err)
			}
		}
	})
	tests := []struct {
		name   string
		id     string
		status int
		body   string
		code   string
		wants  []string
	}{
		{"ErrNotFound", "9999", http.StatusOK, "", virk.ENOTFOUND,
			[]string{"tabell 9999 (KLASS-korrespondanse) finnes ikke hos SSB (404 Not Found)", "Correspondence table not found", "/correspondencetables/9999.json"}},
		{"ErrSyntax", "1358", http.StatusOK, "{\n  \"correspondenceMaps\": [\n    {\"sourceCode\": \"EKG12\",}\n  ]\n}", virk.EINVALID,
			[]string{"/correspondencetables/1358.json: er ikke en korrespondansetabell fra KLASS", "linje 3, kolonne 28"}},
		{"ErrType", "1358", http.StatusOK, `{"correspondenceMaps": {"sourceCode": "EKG12"}}`, virk.EINVALID,
			[]string{"linje 1, kolonne", "feltet correspondenceMaps har feil type (object"}},
		{"ErrEmpty", "1358", http.StatusOK, `{"name": "Tom", "correspondenceMaps": []}`, virk.EINVALID,
			[]string{"1358.json: korrespondansetabellen har ingen koblinger"}},
		{"ErrMissing", "1358", http.StatusOK, `{"name": "Uten koblinger"}`, virk.EINVALID,
			[]string{"ingen koblinger (correspondenceMaps er tom eller mangler)"}},
		{"ErrNotANumber", "13 58", http.StatusOK, "", virk.EINVALID,
			[]string{"korrespondansetabellen «13 58» er ikke et tall"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, _ := klassServer(t, tt.status, []byte(tt.body))
			_, err := k.Correspondence(t.Context(), tt.id)
			if virk.ErrorCode(err) != tt.code {
				t.Fatalf("code %q, want %q (err %v)", virk.ErrorCode(err), tt.code, err)
			}
			for _, w := range tt.wants {
				if msg := virk.ErrorMessage(err); !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
		})
	}
}

// TestReadCorrespondence_File reads the saved document as a file, named
// in errors and notes by its name.
func TestReadCorrespondence_File(t *testing.T) {
	f, err := os.Open(klassFixture)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, err := ReadCorrespondence(f, "kostra2024.json")
	if err != nil {
		t.Fatal(err)
	}
	if c.Origin != "kostra2024.json" || len(c.Maps) != 6 || c.Maps[2] != (CorrespondenceMap{"EKG13", "Konstruert gruppe tretten", "4601", "Bergen"}) {
		t.Errorf("read %+v", c)
	}
	_, err = ReadCorrespondence(strings.NewReader(`[1, 2`), "kostra2024.json")
	if msg := virk.ErrorMessage(err); !strings.Contains(msg, "kostra2024.json: ") || !strings.Contains(msg, "linje 1, kolonne 5") {
		t.Errorf("truncated file: %q", msg)
	}
}

func TestKOSTRAGroups_Err(t *testing.T) {
	m := func(src, dst string) CorrespondenceMap {
		return CorrespondenceMap{SourceCode: src, TargetCode: dst, TargetName: "X"}
	}
	tests := []struct {
		name     string
		maps     []CorrespondenceMap
		from, to int
		want     string
	}{
		{"ErrSourceCode", []CorrespondenceMap{m("EKG12", "3201"), m("03", "0301")}, 2024, 0, "kobling 2: «03» er ikke koden til en KOSTRA-gruppe"},
		{"ErrSourceText", []CorrespondenceMap{m("Oslo", "0301")}, 2024, 0, "kobling 1: «Oslo» er ikke koden"},
		{"ErrSourceNumber", []CorrespondenceMap{m("EKGX", "0301")}, 2024, 0, "kobling 1: «EKGX» er ikke koden"},
		{"ErrTarget", []CorrespondenceMap{m("EKG12", "301")}, 2024, 0, "kobling 1: «301» er ikke et kommunenummer"},
		{"ErrTwoGroups", []CorrespondenceMap{m("EKG12", "3201"), m("EKG13", "3201")}, 2024, 0, "kommune 3201 (X) står i både EKG12 og EKG13"},
		{"ErrNoFrom", []CorrespondenceMap{m("EKG12", "3201")}, 0, 0, "årene 0– passer ikke"},
		{"ErrBackwards", []CorrespondenceMap{m("EKG12", "3201")}, 2025, 2024, "årene 2025–2024 passer ikke"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := KOSTRAGroups(&Correspondence{Origin: "t.json", Maps: tt.maps}, tt.from, tt.to)
			if virk.ErrorCode(err) != virk.EINVALID || !strings.Contains(virk.ErrorMessage(err), tt.want) {
				t.Errorf("err %v, want a message with %q", err, tt.want)
			}
		})
	}
	// The same pair twice is one member.
	gs, err := KOSTRAGroups(&Correspondence{Maps: []CorrespondenceMap{m("ekg12", "3201"), m("EKG12 ", "3201")}}, 2024, 2025)
	if err != nil || len(gs) != 1 || !reflect.DeepEqual(gs[0].Members, []virk.PeerMember{{Ref: "3201", From: 2024, To: 2025}}) {
		t.Errorf("duplicate pair: %+v, %v", gs, err)
	}
}

// TestMergeKOSTRA loads a grouping from 2024 over one stored for 2020
// onwards: each group keeps 2020–2023 and gets the new members from 2024;
// a group the new grouping lacks keeps its old years; one that had only
// years from 2024 is deleted; own groups are untouched.
func TestMergeKOSTRA(t *testing.T) {
	stored := []*virk.PeerGroup{
		{ID: "ekg12", Name: "KOSTRA-gruppe 12", Source: "kostra", Note: "gammel", Members: []virk.PeerMember{
			{Ref: "3024", From: 2020, To: 2023}, {Ref: "3025", From: 2020},
		}},
		{ID: "ekg16", Name: "KOSTRA-gruppe 16", Source: "kostra", Members: []virk.PeerMember{{Ref: "5001", From: 2024, To: 2025}}},
		{ID: "ekg17", Name: "KOSTRA-gruppe 17", Source: "kostra", Members: []virk.PeerMember{{Ref: "1812"}}},
		{ID: "naboer", Name: "Naboer", Source: "egen", Members: []virk.PeerMember{{Ref: "3203", From: 2024}}},
	}
	fresh := []*virk.PeerGroup{
		{ID: "ekg12", Name: "KOSTRA-gruppe 12", Source: "kostra", Note: "ny", Members: []virk.PeerMember{
			{Ref: "3201", From: 2024, To: 2025}, {Ref: "3203", From: 2024, To: 2025},
		}},
	}
	upd := MergeKOSTRA(stored, fresh, 2024, 2025)
	want := virk.PeerGroupUpdate{
		Put: []*virk.PeerGroup{
			{ID: "ekg12", Name: "KOSTRA-gruppe 12", Source: "kostra", Note: "ny", Members: []virk.PeerMember{
				{Ref: "3024", From: 2020, To: 2023}, {Ref: "3025", From: 2020, To: 2023}, {Ref: "3025", From: 2026},
				{Ref: "3201", From: 2024, To: 2025}, {Ref: "3203", From: 2024, To: 2025},
			}},
			{ID: "ekg17", Name: "KOSTRA-gruppe 17", Source: "kostra", Members: []virk.PeerMember{
				{Ref: "1812", To: 2023}, {Ref: "1812", From: 2026},
			}},
		},
		Delete: []string{"ekg16"},
	}
	if !reflect.DeepEqual(upd, want) {
		t.Errorf("delete %v", upd.Delete)
		for _, g := range upd.Put {
			t.Errorf("put %+v", *g)
		}
	}
	if stored[0].Note != "gammel" || len(stored[0].Members) != 2 {
		t.Errorf("the stored groups changed: %+v", *stored[0])
	}
}
