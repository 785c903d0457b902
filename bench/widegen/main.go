// Command widegen writes many more indicators with values on the demo's
// entities: a catalogue of indicators ekstra_0001… (catalogue.json, no
// entities: they are the demo's) and their values (data.csv). Imported
// after "virk demo", it makes the demo's pages as long as a municipality
// that keeps thousands of indicators makes them: the scorecard of Bærum's
// tree, the unit pages (/enhet/osu), the indicator pages. bench/pages.sh
// uses it. The output depends only on the flags.
//
// Usage:
//
//	go run ./bench/widegen -out bench/out/wide                 # 3 000 indicators × 10 years
//	go run ./bench/widegen -out /tmp/w -indicators 50 -years 3
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/demo"
	"github.com/virk-analyse/virk/ingest"
)

// Config is what to generate.
type Config struct {
	Indicators int
	Years      int
	FirstYear  int
	Seed       uint64
	Out        string
}

func main() {
	var c Config
	flag.IntVar(&c.Indicators, "indicators", 3000, "number of indicators with values")
	flag.IntVar(&c.Years, "years", 10, "number of years")
	flag.IntVar(&c.FirstYear, "from", 2014, "first year")
	flag.Uint64Var(&c.Seed, "seed", 1, "random seed")
	flag.StringVar(&c.Out, "out", "bench/out/wide", "output directory")
	flag.Parse()
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "widegen:", err)
		os.Exit(1)
	}
}

// kind is one kind of indicator: its unit and range, whether it adds up
// over units (and is then stored for the units without sub-units only, so
// that the others show sums, as FTE and expenditure are), and its label.
type kind struct {
	unit     string
	decimals int
	min, max float64
	sums     bool
	dir      virk.Direction
	label    string
}

func kinds() []kind {
	return []kind{
		{"årsverk", 1, 2, 120, true, virk.Neutral, "Årsverk, %s"},
		{"%", 1, 2, 12, false, virk.Down, "Sykefravær, %s"},
		{"mill. kr", 1, 1, 400, true, virk.Neutral, "Brutto driftsutgifter, %s"},
		{"kr pr. innb.", 0, 200, 9000, false, virk.Down, "Netto driftsutgifter per innbygger, %s"},
		{"%", 1, 40, 100, false, virk.Up, "Andel saker behandlet innen frist, %s"},
		{"antall", 0, 10, 3000, true, virk.Neutral, "Antall saker, %s"},
		{"dager", 1, 1, 60, false, virk.Down, "Saksbehandlingstid, %s"},
		{"%", 1, 50, 100, false, virk.Up, "Brukertilfredshet, %s"},
		{"kWh/m²", 0, 100, 300, false, virk.Down, "Energibruk per kvadratmeter, %s"},
		{"mill. kr", 1, 1, 200, true, virk.Neutral, "Lønnsutgifter, %s"},
	}
}

// areas name the indicators and give their categories, which are the
// demo's.
var areas = [...]struct{ name, category string }{
	{"lønn og personal", "Medarbeidere"}, {"eiendomsdrift", "Eiendom"}, {"regnskap", "Økonomi"},
	{"innkjøp", "Økonomi"}, {"arkiv", "Administrasjon"}, {"IKT-drift", "Digitalisering og IT"},
	{"politisk sekretariat", "Administrasjon"}, {"kundesenter", "Tjenesteprofil"},
	{"vedlikehold", "Eiendom"}, {"rekruttering", "Medarbeidere"}, {"internrevisjon", "Økonomi"},
	{"brukerstøtte", "Digitalisering og IT"},
}

// run checks c and writes the two files.
func run(c Config) error {
	switch {
	case c.Indicators < 1 || c.Indicators > 9999:
		return errors.New("-indicators must be 1–9999")
	case c.Years < 1 || c.FirstYear < 1900 || c.FirstYear+c.Years > 2100:
		return errors.New("-years and -from must give years within 1900–2099")
	}
	files, err := demo.Files()
	if err != nil {
		return err
	}
	cat, err := ingest.ReadCatalogue(bytes.NewReader(files[0].Data))
	if err != nil {
		return fmt.Errorf("the demo's catalogue: %w", err)
	}
	ents := cat.Entities
	parent := map[string]bool{}
	for _, e := range ents {
		parent[e.ParentID] = true
	}
	if err := os.MkdirAll(c.Out, 0o755); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(c.Seed, 1))
	ks := kinds()
	var inds []*virk.Indicator
	for i := range c.Indicators {
		k, a := ks[i%len(ks)], areas[(i/len(ks))%len(areas)]
		ind := &virk.Indicator{
			ID: fmt.Sprintf("ekstra_%04d", i+1), LabelNB: fmt.Sprintf(k.label, a.name) + suffix(i, len(ks)*len(areas)),
			Unit: virk.Unit{Name: k.unit, Decimals: k.decimals}, Direction: k.dir, Category: a.category,
			Source: "Generert (bench/widegen)",
		}
		if k.sums {
			ind.Rollup = virk.RollupSum
		}
		if i%37 == 5 {
			ind.Targets = []virk.Target{{Kind: virk.TargetAbsolute, Value: math.Round((k.min + k.max) / 2), Note: "Mål"}}
		}
		inds = append(inds, ind)
	}
	f, err := os.Create(filepath.Join(c.Out, "catalogue.json"))
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if err := ingest.WriteCatalogue(w, &ingest.CatalogueFile{Indicators: inds}); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if f, err = os.Create(filepath.Join(c.Out, "data.csv")); err != nil {
		return err
	}
	w = bufio.NewWriterSize(f, 1<<20)
	w.WriteString("indicator;entity;period;value;status\n")
	rows := 0
	var line []byte
	for i, ind := range inds {
		k := ks[i%len(ks)]
		level := k.min + rng.Float64()*(k.max-k.min)
		for _, e := range ents {
			if k.sums && parent[e.ID] {
				continue // a sum of its units
			}
			base := level * math.Exp(rng.NormFloat64()*0.2)
			for y := range c.Years {
				line = append(line[:0], ind.ID...)
				line = append(line, ';')
				line = append(line, e.ID...)
				line = append(line, ';')
				line = strconv.AppendInt(line, int64(c.FirstYear+y), 10)
				line = append(line, ';')
				if rng.IntN(100) < 2 {
					line = append(line, "..;"...)
				} else {
					v := base * (1 + 0.02*float64(y)) * (1 + rng.NormFloat64()*0.04)
					if k.unit == "%" {
						v = math.Min(math.Max(v, 0), 100)
					}
					start := len(line)
					line = strconv.AppendFloat(line, v, 'f', k.decimals, 64)
					if j := bytes.IndexByte(line[start:], '.'); j >= 0 {
						line[start+j] = ',' // a decimal comma, as Norwegian files have
					}
					line = append(line, ';')
				}
				line = append(line, '\n')
				w.Write(line)
				rows++
			}
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Printf("widegen: %s: %d indicators on the demo's %d entities, %d observations, %d–%d\n",
		c.Out, len(inds), len(ents), rows, c.FirstYear, c.FirstYear+c.Years-1)
	return nil
}

// suffix numbers repeated labels: "", " (2)", " (3)" …
func suffix(i, n int) string {
	if i < n {
		return ""
	}
	return " (" + strconv.Itoa(i/n+1) + ")"
}
