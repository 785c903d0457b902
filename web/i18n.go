package web

import (
	"net/http"
	"strings"
)

// Languages: bokmål first, English second.
const (
	langNB = "nb"
	langEN = "en"
)

// messages holds the interface text, bokmål then English.
var messages = map[string][2]string{
	"app.name":            {"virk – styringsinformasjon", "virk – management information"},
	"skip":                {"Hopp til hovedinnholdet", "Skip to main content"},
	"nav.label":           {"Hovedmeny", "Main menu"},
	"nav.scorecard":       {"Målekort", "Scorecard"},
	"nav.peers":           {"Sammenligning", "Comparison"},
	"nav.energy":          {"Energi", "Energy"},
	"nav.workforce":       {"Medarbeidere", "Employees"},
	"nav.portfolio":       {"Prosjekter", "Projects"},
	"nav.report":          {"Virksomhetsanalyse", "Annual analysis"},
	"nav.import":          {"Importer data", "Import data"},
	"nav.a11y":            {"Tilgjengelighetserklæring", "Accessibility statement"},
	"lang.switch":         {"English", "Norsk (bokmål)"},
	"scorecard.title":     {"Målekort", "Scorecard"},
	"scorecard.intro":     {"Alle indikatorer med siste verdi, endring, trend vurdert mot ønsket retning og status mot mål.", "Every indicator with its latest value, change, trend judged against the desired direction, and status against its target."},
	"filter.legend":       {"Filtrer", "Filter"},
	"filter.category":     {"Kategori", "Category"},
	"filter.unit":         {"Enhet", "Unit"},
	"filter.all":          {"Alle", "All"},
	"filter.allunits":     {"Alle enheter", "All units"},
	"scorecard.rows":      {"rader", "rows"},
	"pager.page":          {"side", "page"},
	"pager.label":         {"Sider", "Pages"},
	"filter.apply":        {"Vis", "Show"},
	"col.indicator":       {"Indikator", "Indicator"},
	"col.unit":            {"Enhet", "Unit"},
	"col.period":          {"Periode", "Period"},
	"col.latest":          {"Siste verdi", "Latest value"},
	"col.value":           {"Verdi", "Value"},
	"col.change":          {"Endring fra året før", "Change from previous year"},
	"col.trend":           {"Trend pr. år", "Trend per year"},
	"col.direction":       {"Ønsket retning", "Desired direction"},
	"col.target":          {"Mål", "Target"},
	"col.development":     {"Utvikling", "Development"},
	"col.status":          {"Status", "Status"},
	"col.measure":         {"Måleenhet", "Unit of measure"},
	"col.source":          {"Kilde", "Source"},
	"col.batch":           {"Batch", "Batch"},
	"col.replaced":        {"Erstattet", "Replaced"},
	"col.by":              {"Av", "By"},
	"col.previous":        {"Tidligere verdi", "Previous value"},
	"col.new":             {"Nye", "Added"},
	"col.changed":         {"Endrede", "Changed"},
	"col.unchanged":       {"Uendrede", "Unchanged"},
	"judge.good":          {"riktig vei", "right direction"},
	"judge.bad":           {"feil vei", "wrong direction"},
	"judge.flat":          {"uendret", "unchanged"},
	"judge.neutral":       {"ingen ønsket retning", "no desired direction"},
	"dir.up":              {"høyere er bedre", "higher is better"},
	"dir.down":            {"lavere er bedre", "lower is better"},
	"dir.none":            {"ingen ønsket retning", "no desired direction"},
	"target.met":          {"nådd", "met"},
	"target.not_met":      {"ikke nådd", "not met"},
	"target.on_track":     {"i rute", "on track"},
	"target.off_track":    {"ikke i rute", "off track"},
	"target.no_data":      {"mangler data", "no data"},
	"target.undirected":   {"uten retning", "no direction"},
	"none":                {"Ingen", "None"},
	"empty.scorecard":     {"Ingen indikatorer har verdier for dette utvalget.", "No indicator has values for this selection."},
	"indicator.chart":     {"Diagram", "Chart"},
	"indicator.table":     {"Tallene", "The figures"},
	"indicator.notes":     {"Merknader", "Notes"},
	"indicator.about":     {"Om indikatoren", "About the indicator"},
	"indicator.updated":   {"Data oppdatert", "Data updated"},
	"indicator.formula":   {"Beregnes som", "Computed as"},
	"indicator.revisions": {"Endringshistorikk", "Revisions"},
	"indicator.norevs":    {"Ingen verdier er endret etter at de ble lagret.", "No value has been changed since it was stored."},
	"indicator.download":  {"Last ned", "Download"},
	"indicator.entities":  {"Enheter", "Units"},
	"indicator.showtable": {"Vis tallene i diagrammet", "Show the figures in the chart"},
	"note.break":          {"Tidsseriebrudd", "Series break"},
	"note.comment":        {"Kommentar", "Comment"},
	"unit.children":       {"Underenheter", "Sub-units"},
	"unit.kpis":           {"Indikatorer", "Indicators"},
	"unit.parent":         {"Del av", "Part of"},
	"unit.fte":            {"Årsverk", "Full-time equivalents"},
	"unit.finance":        {"Økonomi", "Finance"},
	"report.title":        {"Virksomhetsanalyse", "Annual analysis"},
	"report.errors":       {"Rapporten kan ikke bygges: feil i rapportfilene", "The report cannot be built: errors in its files"},
	"report.standalone":   {"Som egen side", "As a standalone page"},
	"report.toc":          {"Innhold", "Contents"},
	"report.nopdf":        {"PDF er ikke tilgjengelig", "PDF is not available"},
	"report.none":         {"Ingen rapport er satt opp.", "No report is configured."},
	"import.title":        {"Importer data", "Import data"},
	"import.intro":        {"Last opp CSV-, XLSX-, JSON-stat- eller katalogfiler. Du ser hva som vil endres før noe lagres.", "Upload CSV, XLSX, JSON-stat or catalogue files. You see what will change before anything is stored."},
	"import.files":        {"Filer", "Files"},
	"import.check":        {"Kontroller", "Check"},
	"import.confirm":      {"Lagre", "Store"},
	"import.cancel":       {"Avbryt", "Cancel"},
	"import.busy":         {"En annen import pågår fortsatt, så filene er ikke lagret ennå. Prøv å lagre igjen om litt; kontrollen gjelder fortsatt.", "Another import is still running, so the files are not stored yet. Try to store them again in a while; the check still holds."},
	"import.cancelled":    {"Opplastingen er forkastet. Ingenting er lagret.", "The upload was discarded. Nothing was stored."},
	"import.changed":      {"Filene er endret på serveren etter kontrollen, så de er ikke lagret. Last opp filene på nytt.", "The files changed on the server after the check, so they were not stored. Upload the files again."},
	"import.dryrun":       {"Kontroll: ingenting er lagret ennå", "Check: nothing is stored yet"},
	"import.nothing":      {"Ingen endringer: alt i filene er allerede lagret.", "No changes: everything in the files is already stored."},
	"import.failed":       {"Ingenting er lagret", "Nothing was stored"},
	"import.errors":       {"feil i filene", "errors in the files"},
	"import.done":         {"Lagret", "Stored"},
	"import.expired":      {"Opplastingen er utløpt eller allerede lagret. Last opp filene på nytt.", "The upload has expired or was already stored. Upload the files again."},
	"import.changes":      {"Endrede verdier", "Changed values"},
	"import.nofiles":      {"Velg minst én fil.", "Choose at least one file."},
	"row.indicators":      {"Indikatorer", "Indicators"},
	"row.entities":        {"Enheter", "Units"},
	"row.observations":    {"Observasjoner", "Observations"},
	"row.annotations":     {"Merknader", "Notes"},
	"a11y.title":          {"Tilgjengelighetserklæring", "Accessibility statement"},
	"error.title":         {"Noe gikk galt", "Something went wrong"},
	"notfound.title":      {"Siden finnes ikke", "Page not found"},
	"notfound.text":       {"Adressen peker ikke til noen side her.", "The address does not lead to a page here."},
	"back.scorecard":      {"Til målekortet", "To the scorecard"},
}

// tr returns the text for key in lang, or the key itself when missing so
// that a forgotten text shows instead of a blank.
func tr(lang, key string) string {
	m, ok := messages[key]
	if !ok {
		if m, ok = accessMessages[key]; !ok {
			return key
		}
	}
	if lang == langEN {
		return m[1]
	}
	return m[0]
}

// language picks the page language: ?lang= first, then the cookie set by
// the switch, then bokmål.
func language(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == langEN || l == langNB {
		return l
	}
	if c, err := r.Cookie("lang"); err == nil && (c.Value == langEN || c.Value == langNB) {
		return c.Value
	}
	return langNB
}

// withLang returns the request's URL with lang set, for the switch link.
func withLang(r *http.Request, lang string) string {
	q := r.URL.Query()
	q.Set("lang", lang)
	return r.URL.Path + "?" + strings.ReplaceAll(q.Encode(), "&", "&")
}
