package web_test

import (
	"net/http"
	"strings"
	"testing"
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
