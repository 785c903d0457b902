package report_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/demo"
	"github.com/virk-analyse/virk/nb"
	"github.com/virk-analyse/virk/report"
)

// mustBuildDemo builds the demo report from the demo data in SQLite.
func mustBuildDemo(tb testing.TB) *report.Document {
	tb.Helper()
	doc, err := report.Build(context.Background(), demo.Report(), mustOpenDemo(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// columnLabels returns the label of each column of t: its header cells
// from top to bottom joined by a space ("2017 Årsverk"), following column
// and row spans.
func columnLabels(t *report.Table) []string {
	var labels []string
	taken := map[[2]int]bool{}
	for r, row := range t.Head {
		col := 0
		for _, c := range row.Cells {
			for taken[[2]int{r, col}] {
				col++
			}
			for dc := 0; dc < max(c.Span, 1); dc++ {
				for dr := 0; dr < max(c.RowSpan, 1); dr++ {
					taken[[2]int{r + dr, col + dc}] = true
				}
				for len(labels) <= col+dc {
					labels = append(labels, "")
				}
				labels[col+dc] = strings.TrimSpace(labels[col+dc] + " " + c.Text)
			}
			col += max(c.Span, 1)
		}
	}
	return labels
}

// cellText returns the text of the cell in the row whose first cell is row
// and the column whose header is col, in the table with the caption.
func cellText(tb testing.TB, doc *report.Document, caption, row, col string) string {
	tb.Helper()
	for _, t := range doc.Tables {
		if t.Caption != caption {
			continue
		}
		ci := -1
		for i, l := range columnLabels(t) {
			if l == col {
				ci = i
			}
		}
		if ci < 0 {
			tb.Fatalf("table %q has no column %q (has %q)", caption, col, columnLabels(t))
		}
		for _, r := range t.Body {
			if len(r.Cells) > ci && r.Cells[0].Text == row {
				return r.Cells[ci].Text
			}
		}
		tb.Fatalf("table %q has no row %q", caption, row)
	}
	tb.Fatalf("no table %q", caption)
	return ""
}

// TestBuild_DemoTables checks figures of every table kind against the
// seed (demo/expected.md). Where the seed computed from unrounded data, the
// report shows what the stored figures give; the seed's figure is in the
// comment.
func TestBuild_DemoTables(t *testing.T) {
	doc := mustBuildDemo(t)
	const (
		fin       = "Utgifts- og inntektssammenheng for området"
		inc       = "Driftsinntekter"
		fte       = "Ressursinnsats målt i antall årsverk"
		fteAdm    = "Ressursinnsats målt i antall årsverk – Strategisk ledelse, styring og administrasjon"
		digit     = "Aktivitetsutvikling – Digitalisering og IT"
		fteDig    = "Ressursinnsats målt i antall årsverk – Digitalisering og IT"
		eiendom   = "Aktivitetsutvikling i Eiendom"
		adm       = "Indikatorene i tjenesteprofilen for administrasjon, kr pr. innbygger 2017"
		adm17     = "Brutto driftsutgifter til administrasjon, utvikling siste fem år"
		prop      = "Tjenesteprofil for eiendomsforvaltning 2017"
		area      = "Utvikling i areal per innbygger – formålsbygg"
		energy    = "Utvikling i energiforbruket (kWh) i kommunale bygg, graddagskorrigert"
		energyCat = "Graddagskorrigert energiforbruk (kWh/kvm) per byggkategori"
		ldipAdm   = "LDIP-måltall: Administrasjon felles"
		ldipEi    = "LDIP-måltall: Eiendom"
		minor     = "Minoritetsbakgrunn"
		change    = "Prosentvis endring 2017/2018"
	)
	for _, tt := range []struct{ table, row, col, want string }{
		// series-table with shares (§2.2.1)
		{fin, "Herav lønn", "Andel av brutto driftsutgifter 2018", "32 %"},
		{fin, "Herav andre driftsutgifter", "Andel av brutto driftsutgifter 2018", "68 %"},
		{fin, "Brutto driftsutgifter", "2015", "1 422,3"},
		{fin, "Netto driftsutgifter", "2015", "663,0"},
		{inc, "Driftsinntekter, sum", "2018", "−967,6"},
		{inc, "Årlig vekst i %", "2016", "3,8 %"},
		{inc, "Årlig vekst i %", "2018", "10,0 %"},
		{inc, "Herav salgsinntekter", "Andel av samlede driftsinntekter 2018", "76 %"},
		{inc, "Herav refusjoner", "Andel av samlede driftsinntekter 2018", "20 %"},
		// series-table of entities with a sum (§2.2.2, roll-up of osu)
		{fte, "Sum årsverk", "2014", "559,6"},
		{fte, "Sum årsverk", "2018", "657,7"},
		{fte, "Sum årsverk", change, "3,4 %"},
		{fte, "Årlig endring i %", "2017", "10,7 %"},
		{fte, "Strategisk ledelse, styring og administrasjon", "2014", "278,9"},
		{fte, "Digitalisering og IT", change, "21,7 %"},
		// §3.2.1: the parent's stored sum wins over the units' sum
		{fteAdm, "Sum årsverk", "2015", "282,7"},
		{fteAdm, "Sum årsverk", "2018", "340,5"},
		{fteAdm, "Årlig endring i %", "2017", "20,5 %"},         // seed 20,6 %
		{fteAdm, "Strategisk ledelse", change, "−31,7 %"},       // seed −31,6 %
		{fteAdm, "Kemneren i Asker og Bærum", change, "−0,3 %"}, // seed −0,4 %
		// §4.2.1 and §5.2.1
		{digit, "Årlig endring i prosent", "2017", "176,1 %"}, // seed 176,0 %
		{digit, "Brutto driftsutgifter", "2018", "191,7"},
		{fteDig, "Årlig endring i %", "2015", "9,3 %"}, // seed 9,4 %
		{eiendom, "Samlet areal på formålsbyggene (kvm)", "2018", "589 379"},
		{eiendom, "Brutto investeringer (mill. kr)", "2018", "1 163,5"},
		// peer-table (§2.2.4, §5.2.2)
		{adm, "Brutto driftsutgifter til Administrasjon, pr. innb.", "Bærum", "3 237"},
		{adm, "Brutto driftsutgifter til Administrasjon, pr. innb.", "Gjennomsnitt ASSS", "2 998"},
		{adm, "Brutto driftsutgifter til Politisk styring, pr. innb.", "Asker", "361"},
		{prop, "Vedlikehold per kvm (kr)", "Gjennomsnitt ASSS", "151,8"},
		{prop, "Andel av sum netto driftsutgifter", "Asker", "10,2 %"},
		{adm17, "Prosentvis endring", "2017", "−16,2 %"},
		{area, "Prosentvis endring", "2014", "−2,2 %"},
		{energy, "Årlig endring i %", "2015", "1,1 %"}, // seed 1,2 %
		{energy, "Årlig endring i %", "2018", "−5,5 %"},
		// computed from the demo's meter readings (demo/energydemo)
		{energy, "Energiforbruk (kWh/kvm)", "2014", "212,7"},
		{energy, "Energiforbruk (kWh/kvm)", "2018", "200,7"},
		{energyCat, "Hele eiendomsmassen", "2016", "211,6"},

		// kpi-table (LDIP, §2.2.5 and §5.2.3)
		{ldipAdm, "Brutto driftsutgifter til Administrasjon, kroner pr. innbygger", "Årlig trend siste 3 år (snitt pr. år)", "−238"},
		{ldipAdm, "Brutto driftsutgifter til Administrasjon, kroner pr. innbygger", "2014 Utgangsår", "3 860"},
		{ldipAdm, "Totalt sykefravær", "Årlig trend siste 3 år (snitt pr. år)", "0,0 %"},
		{ldipAdm, "Andel deltid (mindre enn 80 %)", "Årlig trend siste 3 år (snitt pr. år)", "−2 %"},
		{ldipAdm, "Gjennomsnittlig antall søkere pr. stilling", "Målsetting 2019–2028 (10 år)", "↑ 1"},
		{ldipAdm, "Andel inngående Efaktura", "Årlig trend siste 3 år (snitt pr. år)", "13 %"},
		{ldipEi, "Omsorg- og velferdsboliger, gj.snittlig ledighet", "2014 Utgangsår", "–"},
		{ldipEi, "Omsorg- og velferdsboliger, gj.snittlig ledighet", "Årlig trend siste 3 år (snitt pr. år)", "−1,7 %"},
		{ldipEi, "Samlet areal på institusjonslokaler i kvm. pr. beboer i institusjon", "Årlig trend siste 3 år (snitt pr. år)", "2,7"}, // seed 2,8
		{ldipEi, "Utgifter til vedlikeholdsaktiviteter i kommunal eiendomsforvaltning, kroner pr. kvm.", "Årlig trend siste 3 år (snitt pr. år)", "4"},
		// entity-table (§6.1.6): the total is the sum of the areas shown
		{minor, "Totalt", "2017 Årsverk", "1 052,9"},
		{minor, "Totalt", "2017 Antall kvinner", "1 017"},
		{minor, "Totalt", "2018 Antall menn", "407"},
		{minor, "Totalt", "2018 % av total", "13,4 %"},
		{minor, "Oppvekst skole", "2017 Årsverk", "134,5"},
	} {
		// The report separates thousands and percent signs with a no-break
		// space; the table above writes a plain one.
		if got := plain(cellText(t, doc, tt.table, tt.row, tt.col)); got != tt.want {
			t.Errorf("%s / %s / %s = %q, want %q", tt.table, tt.row, tt.col, got, tt.want)
		}
	}
}

// TestBuild_DemoTrendJudged checks that the LDIP trend is judged against
// the desired direction.
func TestBuild_DemoTrendJudged(t *testing.T) {
	doc := mustBuildDemo(t)
	for _, tab := range doc.Tables {
		if tab.Caption != "LDIP-måltall: Administrasjon felles" {
			continue
		}
		got := map[string]string{}
		for _, r := range tab.Body {
			if r.Class == "" {
				got[r.Cells[0].Text] = r.Cells[len(r.Cells)-1].Class
			}
		}
		want := map[string]string{
			"Brutto driftsutgifter til Administrasjon, kroner pr. innbygger":                               "good",
			"Brutto driftsutgifter til forvaltningsutgifter i eiendomsforvaltningen, kroner pr. innbygger": "bad",
			"Totalt sykefravær":                          "flat",
			"Gjennomsnittlig antall søkere pr. stilling": "bad",
		}
		for row, w := range want {
			if got[row] != w {
				t.Errorf("%s: judgement %q, want %q", row, got[row], w)
			}
		}
		return
	}
	t.Fatal("no LDIP table")
}

// TestBuild_DemoText checks inline values in the running text.
func TestBuild_DemoText(t *testing.T) {
	doc := mustBuildDemo(t)
	var text strings.Builder
	for _, ch := range doc.Chapters {
		text.WriteString(stripTags(string(ch.HTML)))
	}
	s := strings.Join(strings.Fields(text.String()), " ")
	for _, want := range []string{
		"I 2018 var det en nedgang til 7,3 % (−0,2 prosentpoeng). Målet på 7,0 % ble derved fortsatt ikke nådd.",
		"Lønnsutgiftene har økt mellom 6,4 % og 12,8 % årlig",
		"Andre driftsutgifter har økt mellom 2,7 % og 12,4 % årlig", // the seed's text says 12,8
		"Inntektene økte med henholdsvis 3,8 %, 11,6 % og 10,0 %.",
		"Området hadde 657,7 årsverk i 2018, en endring på 3,4 % fra året før.",
		"Den årlige trenden de siste tre årene er −238 kr pr. innbygger",
		"til sammen har 12 573 personer et arbeidsforhold",
		"69 % av medarbeiderne har stillingsstørrelse på 80 prosent eller mer",
		"det vil si 199,8 kWh pr. kvm – er i rute med 195,0 kWh pr. kvm i 2018",
		"samlet vedlikehold økte med 34,9 % fra 2017", // the seed's text says 38 prosent
		"Pleie og omsorg har størst nedgang, −0,8 prosentpoeng til 9,0 %.",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the text lacks %q", want)
		}
	}
	if len(doc.Chapters) != 6 {
		t.Errorf("%d chapters, want 6", len(doc.Chapters))
	}
	if got := doc.Chapters[1].Title; got != "2. Organisasjon, styring og utvikling" {
		t.Errorf("chapter 2 title %q", got)
	}
}

// TestBuild_DemoCharts checks the charts: their number, the targets drawn
// and the one chart without data, which is a warning.
func TestBuild_DemoCharts(t *testing.T) {
	doc := mustBuildDemo(t)
	var all strings.Builder
	for _, ch := range doc.Chapters {
		all.WriteString(string(ch.HTML))
	}
	html := plain(all.String())
	// The seed's 8 and the workforce projection of §6.1.2.
	if n := strings.Count(html, `<figure class="chart"`); n != 9 {
		t.Errorf("%d charts, want 9", n)
	}
	for _, want := range []string{
		"Mål: 7,0 %", // sick leave
		"Mål 2020 (−12 % fra 2016): 199,8 kWh/m²", // energy, relative target
		"Mål 2020 (−12 % fra 2016): 186,2 kWh/m²", // corrected energy from meters: 211,6 × 0,88
		"Ingen data",                      // pension uptake
		"Indeks Bærum (Snitt ASSS = 100)", // peer index table
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the charts lack %q", want)
		}
	}
	if len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], "06-medarbeidere.md:") || !strings.Contains(doc.Warnings[0], "Uttak pensjon") {
		t.Errorf("warnings = %q, want one on the pension chart", doc.Warnings)
	}
}

// stripTags returns the text of an HTML fragment.
func stripTags(s string) string {
	var b bytes.Buffer
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", " ,", ",", " .", ".", " )", ")", "( ", "(").Replace(b.String())
}

// plain turns no-break spaces into plain ones.
func plain(s string) string { return strings.ReplaceAll(s, "\u00a0", " ") }

// TestBuild_DemoEnergyCategories checks the energy table by building
// category against the building figures in the store: each category's
// kWh/m² is the sum of its buildings' corrected use over the sum of their
// area, never a mean of their ratios.
func TestBuild_DemoEnergyCategories(t *testing.T) {
	st := mustOpenDemo(t)
	doc, err := report.Build(context.Background(), demo.Report(), st)
	if err != nil {
		t.Fatal(err)
	}
	ents, _, err := st.FindEntities(context.Background(), virk.EntityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	obs, err := st.FindObservations(context.Background(), virk.ObservationFilter{IndicatorIDs: []string{"energi.forbruk_korr", "energi.areal_fulgt"}})
	if err != nil {
		t.Fatal(err)
	}
	parent := map[string]string{}
	name := map[string]string{}
	for _, e := range ents {
		parent[e.ID], name[e.ID] = e.ParentID, e.Name
	}
	type key struct {
		cat  string
		year int
	}
	use, area := map[key]float64{}, map[key]float64{}
	for _, o := range obs {
		k := key{parent[o.EntityID], o.Period.Year}
		if o.IndicatorID == "energi.forbruk_korr" {
			use[k] += o.Value
		} else {
			area[k] += o.Value
		}
	}
	n := 0
	for k, u := range use {
		if parent[k.cat] != "eiendom" || area[k] == 0 {
			continue
		}
		want := nb.Number(u/area[k], 1)
		if got := cellText(t, doc, "Graddagskorrigert energiforbruk (kWh/kvm) per byggkategori", name[k.cat], strconv.Itoa(k.year)); got != want {
			t.Errorf("%s %d: %s, want %s", name[k.cat], k.year, got, want)
		}
		n++
	}
	if n != 4*5 {
		t.Errorf("checked %d cells, want 4 categories × 5 years", n)
	}
}
