package web_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/web"
)

// TestPeersPage shows Bærum's service profile on the demo data: the
// published ASSS figures with Asker beside, an accessible table, and the
// index chart with its data table.
func TestPeersPage(t *testing.T) {
	srv, _ := demoServer(t)
	tests := []struct {
		name, url string
		status    int
		wants     []string
	}{
		{"profile", "/sammenligning?enhet=baerum&gruppe=asss&ar=2017&med=asker", http.StatusOK, []string{
			"<h1>Tjenesteprofil 2017: Bærum kommune</h1>",
			`<caption id="cap-profile">Tjenesteprofil 2017, Bærum kommune mot ASSS</caption>`,
			`<th scope="col" class="num">Snitt ASSS</th>`,
			`<th scope="col" class="num">Asker kommune</th>`,
			"Brutto driftsutgifter til Politisk styring, pr. innb.",
			`<td class="num">2&nbsp;998<span aria-hidden="true">*</span></td>`,
			`<td class="num">9,8&nbsp;%</td>`,
			"Publiserte gruppetall",
			`role="img"`, "Snitt = 100",
		}},
		{"english", "/sammenligning?enhet=baerum&ar=2017&lang=en", http.StatusOK, []string{
			"Service profile 2017: Bærum kommune", "Weighted average",
		}},
		{"default entity and year", "/sammenligning", http.StatusOK, []string{"Tjenesteprofil"}},
		{"own group", "/sammenligning?enhet=baerum&gruppe=egen&medlemmer=asker&ar=2017", http.StatusOK, []string{
			"mot egen gruppe", "Medlemmer 2017: Asker.",
		}},
		{"unknown group", "/sammenligning?enhet=baerum&gruppe=kostra99", http.StatusBadRequest, []string{"ukjent sammenligningsgruppe"}},
		{"bad year", "/sammenligning?enhet=baerum&ar=i-fjor", http.StatusBadRequest, []string{"året «i-fjor» er ugyldig"}},
		{"unknown entity", "/sammenligning?enhet=nope", http.StatusNotFound, []string{"ukjent enhet «nope»"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := get(t, srv.URL+tc.url)
			if status != tc.status {
				t.Fatalf("status %d, want %d\n%.2000s", status, tc.status, body)
			}
			for _, w := range tc.wants {
				if !strings.Contains(body, strings.ReplaceAll(w, "&nbsp;", "\u00a0")) {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}
}

// TestPeersPage_StoredGroups stores a user's group and a KOSTRA group after
// the page was first shown: the chooser then offers both and the entity's
// own KOSTRA group, and each gives a profile of its members. The stored
// groups change the data version, so the cached page is not served again.
func TestPeersPage_StoredGroups(t *testing.T) {
	_, st := demoServer(t)
	srv := httptest.NewServer(asAdmin(t, st, (&web.Server{Store: st, VersionTTL: -1}).Handler()))
	t.Cleanup(srv.Close)
	page := "/sammenligning?enhet=baerum&ar=2017"
	if _, body := get(t, srv.URL+page); strings.Contains(body, `value="kostra"`) || strings.Contains(body, "Lagrede grupper") {
		t.Fatal("groups offered before any are stored")
	}
	_, err := st.UpdatePeerGroups(t.Context(), virk.PeerGroupUpdate{Put: []*virk.PeerGroup{
		{ID: "naboer", Name: "Naboer", Source: virk.PeerSourceOwn, Members: []virk.PeerMember{{Ref: "0219"}, {Ref: "0220"}}},
		{ID: "ekg12", Name: "KOSTRA-gruppe 12", Source: virk.PeerSourceKOSTRA, Members: []virk.PeerMember{
			{Ref: "3201", From: 2017}, {Ref: "3203", From: 2017}, {Ref: "3205", From: 2017},
		}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, url string
		status    int
		wants     []string
	}{
		{"chooser", page, http.StatusOK, []string{
			`<option value="kostra">KOSTRA-gruppen (KOSTRA-gruppe 12)</option>`,
			`<optgroup label="Lagrede grupper"><option value="ekg12">KOSTRA-gruppe 12</option><option value="naboer">Naboer</option></optgroup>`,
			`<option value="egen">Egen gruppe (velg medlemmer)</option>`,
		}},
		{"stored group", page + "&gruppe=naboer", http.StatusOK, []string{
			`<option value="naboer" selected>Naboer</option>`,
			`<caption id="cap-profile">Tjenesteprofil 2017, Bærum kommune mot Naboer</caption>`,
			"Medlemmer 2017: Bærum, Asker.",
			// Politisk styring: Bærum 269 lowest, Asker 361 highest, mean 315, index 100 × 269 / 361 = 75.
			`<td class="num">269</td>`, `<td class="num">315</td>`, `<td class="num">269 (Bærum)</td>`, `<td class="num">361 (Asker)</td>`, `<td class="num">75</td>`,
		}},
		{"own KOSTRA group", page + "&gruppe=kostra", http.StatusOK, []string{
			`<option value="kostra" selected>KOSTRA-gruppen (KOSTRA-gruppe 12)</option>`,
			`<caption id="cap-profile">Tjenesteprofil 2017, Bærum kommune mot KOSTRA-gruppe 12</caption>`,
			"Medlemmer 2017: Bærum, Asker.", "Ikke i katalogen: kommunenummer 3205.",
		}},
		{"english", page + "&gruppe=kostra&lang=en", http.StatusOK, []string{
			`The KOSTRA group (KOSTRA-gruppe 12)`, `<optgroup label="Stored groups">`,
		}},
		{"own KOSTRA group, year before", "/sammenligning?enhet=baerum&ar=2016&gruppe=kostra", http.StatusNotFound,
			[]string{"Bærum kommune er ikke med i noen lagret KOSTRA-gruppe i 2016"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := get(t, srv.URL+tc.url)
			if status != tc.status {
				t.Fatalf("status %d, want %d\n%.2000s", status, tc.status, body)
			}
			for _, w := range tc.wants {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}
}
