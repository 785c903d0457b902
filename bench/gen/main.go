// Command gen writes a synthetic, KOSTRA-like dataset for the import and
// scorecard benchmarks: a catalogue file (catalogue.json) and one tidy CSV
// (data.csv) of municipalities × indicators × years. The output depends
// only on the flags, so two runs with the same flags write the same bytes.
//
// Usage:
//
//	go run ./bench/gen -out bench/out                  # 356 × 1 000 × 10
//	go run ./bench/gen -out /tmp/x -municipalities 20 -indicators 100
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/ingest"
)

// Config is what to generate.
type Config struct {
	Municipalities int
	Indicators     int // indicators with stored values
	Derived        int // indicators computed by a formula, on top of Indicators
	Units          int // organisational units under the scorecard municipality
	Years          int
	FirstYear      int
	Seed           uint64
	Out            string
}

func main() {
	var c Config
	flag.IntVar(&c.Municipalities, "municipalities", 356, "number of municipalities (at most 1 387)")
	flag.IntVar(&c.Indicators, "indicators", 1000, "number of indicators with values")
	flag.IntVar(&c.Derived, "derived", 20, "number of derived indicators (formulas), in addition")
	flag.IntVar(&c.Units, "units", 4, "organisational units under the scorecard municipality (no values of their own)")
	flag.IntVar(&c.Years, "years", 10, "number of years")
	flag.IntVar(&c.FirstYear, "from", 2014, "first year")
	flag.Uint64Var(&c.Seed, "seed", 1, "random seed")
	flag.StringVar(&c.Out, "out", "bench/out", "output directory")
	flag.Parse()
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// run checks c and writes the three output files.
func run(c Config) error {
	switch {
	case c.Municipalities < 1 || c.Municipalities > maxMunicipalities():
		return fmt.Errorf("-municipalities must be 1–%d", maxMunicipalities())
	case c.Indicators < 2 || c.Indicators > 9999:
		return errors.New("-indicators must be 2–9999")
	case c.Derived < 0 || c.Derived > 999:
		return errors.New("-derived must be 0–999")
	case c.Years < 1 || c.FirstYear < 1900 || c.FirstYear+c.Years > 2100:
		return errors.New("-years and -from must give years within 1900–2099")
	case c.Units < 0 || c.Units > 99:
		return errors.New("-units must be 0–99")
	}
	if err := os.MkdirAll(c.Out, 0o755); err != nil {
		return err
	}
	// One stream per part of the dataset, so that changing -years does
	// not change the catalogue, nor -indicators the municipalities.
	muns := municipalities(c.Municipalities, rand.New(rand.NewPCG(c.Seed, 1)))
	focus := muns[min(1, len(muns)-1)]
	inds, profs := indicators(c, focus.ID, rand.New(rand.NewPCG(c.Seed, 2)))
	var ents []*virk.Entity
	for _, m := range muns {
		ents = append(ents, m.Entity)
	}
	for i := range c.Units {
		ents = append(ents, &virk.Entity{ID: fmt.Sprintf("%s_enhet%02d", focus.ID, i+1),
			Name: unitNames[i%len(unitNames)] + suffix(i, len(unitNames)), Kind: virk.KindUnit, ParentID: focus.ID})
	}
	if err := writeFile(filepath.Join(c.Out, "catalogue.json"), func(w *bufio.Writer) error {
		return ingest.WriteCatalogue(w, &ingest.CatalogueFile{Indicators: inds, Entities: ents})
	}); err != nil {
		return err
	}
	var rows int
	if err := writeFile(filepath.Join(c.Out, "data.csv"), func(w *bufio.Writer) error {
		var err error
		rows, err = writeData(w, c, inds[:c.Indicators], profs, muns, rand.New(rand.NewPCG(c.Seed, 3)))
		return err
	}); err != nil {
		return err
	}
	// The scripts time the scorecard of this municipality: it has the
	// organisational units, as the municipality running virk would.
	if err := os.WriteFile(filepath.Join(c.Out, "scorecard-entity.txt"), []byte(focus.ID+"\n"), 0o644); err != nil {
		return err
	}
	fmt.Printf("gen: %s: %d indicators (%d derived), %d entities (%d municipalities), %d observations, %d–%d; scorecard entity %s\n",
		c.Out, len(inds), c.Derived, len(ents), len(muns), rows, c.FirstYear, c.FirstYear+c.Years-1, focus.ID)
	return nil
}

// writeFile creates path and writes it through a buffer.
func writeFile(path string, fn func(w *bufio.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := fn(w); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}

// suffix numbers repeated names: "", " 2", " 3" …
func suffix(i, n int) string {
	if i < n {
		return ""
	}
	return " " + strconv.Itoa(i/n+1)
}

// writeData writes the tidy CSV, ordered by indicator, municipality and
// year as SSB's KOSTRA extracts are; profs[i] is the profile of inds[i]. Municipalities are named by their
// official number, as in those extracts, so the import resolves codes.
// It returns the number of data rows.
func writeData(w *bufio.Writer, c Config, inds []*virk.Indicator, profs []profile, muns []*municipality, rng *rand.Rand) (int, error) {
	if _, err := w.WriteString("indicator;entity;period;value;status\n"); err != nil {
		return 0, err
	}
	rows := 0
	var line []byte
	for i, ind := range inds {
		p := profs[i]
		// Every indicator has its own level, spread and yearly drift;
		// the most recent year is preliminary for one indicator in
		// three, as KOSTRA's figures are until June.
		level := p.min + rng.Float64()*(p.max-p.min)
		drift := (rng.Float64() - 0.4) * 0.05
		prelim := i%3 == 0
		for _, m := range muns {
			base := level * math.Exp(rng.NormFloat64()*0.25)
			if p.scales {
				base *= m.scale
			}
			for y := range c.Years {
				year := c.FirstYear + y
				line = append(line[:0], ind.ID...)
				line = append(line, ';')
				line = append(line, m.code...)
				line = append(line, ';')
				line = strconv.AppendInt(line, int64(year), 10)
				line = append(line, ';')
				switch r := rng.IntN(1000); {
				case r < 10: // SSB's ".." missing
					line = append(line, "..;"...)
				case r < 15: // ":" suppressed, for small numbers
					line = append(line, ":;"...)
				case r < 18: // "." not applicable
					line = append(line, ".;"...)
				case r < 28: // an empty cell, which reads as missing
					line = append(line, ';')
				default:
					v := base * (1 + drift*float64(y)) * (1 + rng.NormFloat64()*0.03)
					if p.percent {
						v = math.Min(math.Max(v, 0), 100)
					}
					line = appendDecimal(line, v, ind.Unit.Decimals)
					line = append(line, ';')
					if prelim && y == c.Years-1 {
						line = append(line, 'p')
					}
				}
				line = append(line, '\n')
				if _, err := w.Write(line); err != nil {
					return rows, err
				}
				rows++
			}
		}
	}
	return rows, nil
}

// appendDecimal appends v with d decimals and a decimal comma, as
// Norwegian Excel writes numbers to CSV: 1234,5.
func appendDecimal(dst []byte, v float64, d int) []byte {
	start := len(dst)
	dst = strconv.AppendFloat(dst, v, 'f', d, 64)
	for i := start; i < len(dst); i++ {
		if dst[i] == '.' {
			dst[i] = ','
		}
	}
	return dst
}
