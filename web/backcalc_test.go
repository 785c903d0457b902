package web_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/virk-analyse/virk/ingest"
	"github.com/virk-analyse/virk/store/sqlite"
	"github.com/virk-analyse/virk/web"
)

// TestIndicatorPage_BackCalculated: Asker 2020 is Asker, Røyken and Hurum
// merged. Its indicator page shows the series back in time as the sum of
// the parts where all three have a figure (2019, not 2018), a per-1 000
// ratio from the parts' summed inputs, and nothing for a share that does
// not add up.
func TestIndicatorPage_BackCalculated(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "virk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cat := `{"indicators": [
  {"id": "innbyggere", "label_nb": "Innbyggere", "unit": "personer", "rollup": "sum"},
  {"id": "kostnad", "label_nb": "Kostnad", "unit": "1000 kr", "rollup": "sum"},
  {"id": "kostnad_pr_innb", "label_nb": "Kostnad per innbygger", "unit": "kr", "formula": "kostnad / innbyggere * 1000"},
  {"id": "andel", "label_nb": "Andel", "unit": "%"}],
 "entities": [
  {"id": "asker", "name": "Asker kommune", "kind": "municipality",
   "codes": [{"code": "0220", "to": 2019}, {"code": "3025", "from": 2020, "to": 2023}, {"code": "3203", "from": 2024}]},
  {"id": "royken", "name": "Røyken kommune", "kind": "municipality", "codes": [{"code": "0627", "to": 2019}]},
  {"id": "hurum", "name": "Hurum kommune", "kind": "municipality", "codes": [{"code": "0628", "to": 2019}]},
  {"id": "baerum", "name": "Bærum kommune", "kind": "municipality",
   "codes": [{"code": "0219", "to": 2019}, {"code": "3024", "from": 2020, "to": 2023}, {"code": "3201", "from": 2024}]}]}`
	data := "indicator;entity;period;value\n" +
		"innbyggere;asker;2019;61523\ninnbyggere;royken;2019;21000\ninnbyggere;hurum;2019;9000\n" +
		"innbyggere;royken;2018;20900\ninnbyggere;asker;2020;94441\n" +
		"kostnad;asker;2019;100000\nkostnad;royken;2019;30000\nkostnad;hurum;2019;20000\n" +
		"andel;asker;2019;40\nandel;royken;2019;50\nandel;hurum;2019;60\nandel;asker;2020;50\n" +
		"innbyggere;baerum;2019;127000\ninnbyggere;baerum;2020;128000\n"
	files := []ingest.NamedFile{{Name: "k.json", Data: []byte(cat)}, {Name: "d.csv", Data: []byte(data)}}
	if _, err := ingest.Load(ctx, st, files, ingest.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(asAdmin(t, st, (&web.Server{Store: st}).Handler()))
	defer srv.Close()

	_, body := get(t, srv.URL+"/indikator/innbyggere?enhet=asker")
	mustContain(t, body, "Tilbakeregnet serie",
		"Asker (0220), Røyken (0627) og Hurum (0628) ble slått sammen til Asker kommune fra 2020",
		"<th scope=\"row\">2019</th><td class=\"num\">91\u00a0523</td><td>sum av delene</td>",
		"<th scope=\"row\">2020</th><td class=\"num\">94\u00a0441</td><td>egne tall</td>",
		"Tilbakeregnet (sum av delene)") // the chart's line
	if strings.Contains(body, `<th scope="row">2018</th><td class="num">20`) {
		t.Error("2018 is back-calculated from Røyken alone")
	}

	// 150 000 (1 000 kr) over 91 523 inhabitants: 1 638.93 kr each.
	_, body = get(t, srv.URL+"/indikator/kostnad_pr_innb?enhet=asker")
	mustContain(t, body, "<th scope=\"row\">2019</th><td class=\"num\">1\u00a0639</td><td>sum av delene</td>")

	_, body = get(t, srv.URL+"/indikator/andel?enhet=asker")
	if strings.Contains(body, "Tilbakeregnet") {
		t.Error("a share is back-calculated as if it added up")
	}
	_, body = get(t, srv.URL+"/indikator/innbyggere?enhet=asker&lang=en")
	mustContain(t, body, "Back-calculated series", "were merged into Asker kommune in 2020", "<td>sum of the parts</td>")

	// The service profile of Asker 2020 against itself and Bærum, with
	// 2019 beside it: Asker's 2019 is its parts' sum only when asked.
	page := "/sammenligning?enhet=asker&gruppe=egen&medlemmer=asker,baerum&ar=2020"
	_, body = get(t, srv.URL+page+"&tilbakeregn=1")
	mustContain(t, body, "91\u00a0523", "Asker før 2020: summen av Asker (0220), Røyken (0627) og Hurum (0628) (tilbakeregnet).",
		`id="f-tilbakeregn" name="tilbakeregn" type="checkbox" value="1" checked`)
	_, body = get(t, srv.URL+page)
	mustContain(t, body, "61\u00a0523")
	if strings.Contains(body, "91\u00a0523") || strings.Contains(body, "(tilbakeregnet)") {
		t.Error("the profile back-calculates without being asked")
	}
}
