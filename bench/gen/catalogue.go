package main

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/virk-analyse/virk"
)

// county is a county number and how many municipalities it had in 2024.
type county struct {
	prefix int
	n      int
}

// counties lists the counties of 2024 after Oslo (0301, a county of one
// municipality): 355 municipalities, so 356 with Oslo.
func counties() []county {
	return []county{
		{11, 23}, {15, 26}, {18, 41}, {31, 12}, {32, 21}, {33, 18}, {34, 46},
		{39, 6}, {40, 17}, {42, 25}, {46, 43}, {50, 38}, {55, 21}, {56, 18},
	}
}

// maxMunicipalities is the most municipalities the county numbering has
// room for: Oslo and 99 in each other county.
func maxMunicipalities() int { return 1 + 99*len(counties()) }

// municipality is a generated municipality: its entity, its official
// number and its size relative to a median municipality.
type municipality struct {
	*virk.Entity
	code  string
	scale float64
}

// municipalities returns n municipalities: Oslo, then county by county,
// with 4-digit numbers such as 1101 and 4601. Past 356 each county gets
// more, in turn.
func municipalities(n int, rng *rand.Rand) []*municipality {
	cs := counties()
	counts := make([]int, len(cs))
	for i, c := range cs {
		counts[i] = c.n
	}
	for total, i := 356, 0; total < n; i = (i + 1) % len(cs) {
		if counts[i] < 99 {
			counts[i]++
			total++
		}
	}
	codes := []string{"0301"}
	for i, c := range cs {
		for k := range counts[i] {
			codes = append(codes, fmt.Sprintf("%02d%02d", c.prefix, k+1))
		}
	}
	codes = codes[:n]
	seen := map[string]bool{}
	var out []*municipality
	for i, code := range codes {
		name := "Oslo"
		// Populations are log-normal around 5 000, as Norway's are:
		// a few cities, many small municipalities.
		pop := 700_000.0
		if i > 0 {
			name = uniqueName(rng, seen)
			pop = math.Max(200, 5000*math.Exp(rng.NormFloat64()*1.1))
		}
		seen[name] = true
		out = append(out, &municipality{
			Entity: &virk.Entity{ID: "k" + code, Name: name, Kind: virk.KindMunicipality,
				Codes: []virk.Code{{Code: code}}},
			code:  code,
			scale: pop / 5000,
		})
	}
	return out
}

// uniqueName makes up a Norwegian-looking place name not in seen.
func uniqueName(rng *rand.Rand, seen map[string]bool) string {
	prefixes := []string{"", "", "", "", "Nord-", "Sør-", "Øvre ", "Nedre ", "Vestre ", "Østre "}
	stems := []string{"Aur", "Bjørn", "Dal", "Eid", "Fjell", "Gran", "Hol", "Lier", "Mel", "Nes",
		"Os", "Rand", "Sel", "Tin", "Ul", "Vang", "Ås", "Berg", "Lund", "Strand", "Sand", "Hammer",
		"Stor", "Lille", "Rød", "Kvam", "Fro", "Hå", "Ringe", "Snå", "Tys", "Vef", "Ør", "Sunn"}
	ends := []string{"dal", "vik", "fjord", "nes", "berg", "sund", "øy", "land", "stad", "heim",
		"å", "sø", "rud", "ås", "li", "set", "bø", "voll"}
	for n := 0; ; n++ {
		name := prefixes[rng.IntN(len(prefixes))] + stems[rng.IntN(len(stems))] + ends[rng.IntN(len(ends))]
		if n > 20 {
			name += fmt.Sprintf(" %d", n)
		}
		if !seen[name] {
			return name
		}
	}
}

// unitNames are the organisational units under the scorecard
// municipality.
var unitNames = [...]string{"Oppvekst og utdanning", "Helse og omsorg", "Teknisk drift", "Organisasjon, styring og utvikling"}

// profile is one kind of indicator: its unit, the range of its levels,
// and how its label reads.
type profile struct {
	unit     string
	decimals int
	min, max float64
	scales   bool // grows with the size of the municipality, and adds up
	percent  bool
	dirs     []virk.Direction
	label    string // with %s for the service area
}

// profiles returns the kinds of indicator, in the order they take turns.
func profiles() []profile {
	any3 := []virk.Direction{virk.Up, virk.Neutral, virk.Down}
	return []profile{
		{unit: "kr pr. innb.", decimals: 0, min: 200, max: 60000, dirs: []virk.Direction{virk.Neutral}, label: "Netto driftsutgifter til %s per innbygger"},
		{unit: "%", decimals: 1, min: 1, max: 99, percent: true, dirs: any3, label: "Andel brukere med vedtak, %s"},
		{unit: "årsverk", decimals: 1, min: 5, max: 200, scales: true, dirs: []virk.Direction{virk.Neutral}, label: "Årsverk i %s"},
		{unit: "mill. kr", decimals: 1, min: 5, max: 900, scales: true, dirs: []virk.Direction{virk.Neutral}, label: "Brutto driftsutgifter, %s"},
		{unit: "%", decimals: 1, min: 2, max: 12, percent: true, dirs: []virk.Direction{virk.Down}, label: "Sykefravær, %s"},
		{unit: "antall", decimals: 0, min: 10, max: 5000, scales: true, dirs: []virk.Direction{virk.Neutral}, label: "Antall brukere, %s"},
		{unit: "kr", decimals: 0, min: 10000, max: 900000, dirs: any3, label: "Korrigerte brutto driftsutgifter per bruker, %s"},
		{unit: "kWh/m²", decimals: 0, min: 100, max: 300, dirs: []virk.Direction{virk.Down}, label: "Energibruk per kvadratmeter, %s"},
		{unit: "dager", decimals: 1, min: 1, max: 60, dirs: []virk.Direction{virk.Down}, label: "Saksbehandlingstid, %s"},
		{unit: "%", decimals: 1, min: 40, max: 100, percent: true, dirs: []virk.Direction{virk.Up}, label: "Dekningsgrad, %s"},
	}
}

// area is a KOSTRA service area: its name in labels, its scorecard
// category and its KOSTRA function.
type area struct{ name, category, function string }

func areas() []area {
	return []area{
		{"grunnskole", "Grunnskole", "202"}, {"barnehage", "Barnehage", "201"},
		{"pleie og omsorg", "Pleie og omsorg", "253"}, {"kommunehelse", "Helse", "241"},
		{"sosialtjenesten", "Sosial", "242"}, {"barnevern", "Barnevern", "252"},
		{"kultur og idrett", "Kultur", "380"}, {"vann og avløp", "Tekniske tjenester", "340"},
		{"samferdsel", "Tekniske tjenester", "332"}, {"administrasjon", "Økonomi", "120"},
		{"eiendomsforvaltning", "Eiendom", "130"}, {"brann og ulykkesvern", "Tekniske tjenester", "339"},
		{"plan og byggesak", "Plan", "301"}, {"kirke", "Kultur", "390"},
	}
}

// qualifiers vary labels that would otherwise repeat.
var qualifiers = [...]string{"", ", konsern", ", kommunekassen", ", justert for utgiftsbehov", ", ekskl. avskrivninger", ", inkl. private"}

// indicators returns c.Indicators stored indicators kostra_0001… and
// c.Derived derived ones kostra_d001… after them, and the profile of each
// stored one. Some have targets: one
// in 37 an absolute level, one in 97 a relative change, and one in 211 a
// level for the scorecard municipality only.
func indicators(c Config, focus string, rng *rand.Rand) ([]*virk.Indicator, []profile) {
	ps, as := profiles(), areas()
	tables := []string{"12362", "12367", "12134", "13502", "12292", "11933"}
	var out []*virk.Indicator
	var profs []profile
	for i := range c.Indicators {
		p, a := ps[i%len(ps)], as[(i/len(ps))%len(as)]
		q := qualifiers[(i/(len(ps)*len(as)))%len(qualifiers)]
		ind := &virk.Indicator{
			ID:        fmt.Sprintf("kostra_%04d", i+1),
			LabelNB:   fmt.Sprintf(p.label, a.name) + q,
			Unit:      virk.Unit{Name: p.unit, Decimals: p.decimals},
			Direction: p.dirs[rng.IntN(len(p.dirs))],
			Category:  a.category,
			Source:    "SSB KOSTRA",
			Kostra: &virk.KostraRef{Table: tables[i%len(tables)], Function: a.function,
				Scope: []string{"A", "B"}[i%2]},
		}
		if p.scales {
			ind.Rollup = virk.RollupSum
		}
		level := p.min + rng.Float64()*(p.max-p.min)
		switch {
		case i%37 == 5:
			ind.Targets = []virk.Target{{Kind: virk.TargetAbsolute, Value: math.Round(level), Note: "Kommunens mål"}}
		case i%97 == 11:
			// A change of 10 per cent the way the indicator should go.
			change, note := -10.0, "Redusert med 10 prosent"
			if ind.Direction == virk.Up {
				change, note = 10, "Økt med 10 prosent"
			}
			ind.Targets = []virk.Target{{Kind: virk.TargetRelative, Value: change, BaseYear: c.FirstYear + 1,
				Year: c.FirstYear + c.Years + 1, Note: note}}
		case i%211 == 3:
			ind.Targets = []virk.Target{{Kind: virk.TargetAbsolute, Value: math.Round(level), EntityID: focus,
				Note: "Mål i økonomiplanen"}}
		}
		out, profs = append(out, ind), append(profs, p)
	}
	for d := range c.Derived {
		x, y := out[rng.IntN(c.Indicators)], out[rng.IntN(c.Indicators)]
		for y == x {
			y = out[rng.IntN(c.Indicators)]
		}
		out = append(out, &virk.Indicator{
			ID:       fmt.Sprintf("kostra_d%03d", d+1),
			LabelNB:  fmt.Sprintf("Forholdstall %d: %s mot %s", d+1, x.ID, y.ID),
			Unit:     virk.Unit{Name: "%", Decimals: 1},
			Category: x.Category,
			Formula:  fmt.Sprintf("%s / %s * 100", x.ID, y.ID),
		})
	}
	return out, profs
}
