// Command energygen writes a synthetic energy follow-up dataset for the
// energy benchmarks: a building register (bygg.csv), a meter register
// (malere.csv), a station's daily temperatures (temperatur.csv, seKlima's
// CSV) and normals (normaler.txt, eKlima's DØGNNORMAL), and the meters'
// hourly readings (readings.csv, Elhub's meter;from;to;kWh in Norwegian
// time, with the 23- and 25-hour days). The output depends only on the
// flags.
//
//	go run ./bench/energygen -out bench/out/energy                 # 500 buildings × 2 meters × 5 years: 43.8 M readings
//	go run ./bench/energygen -out /tmp/e -buildings 20 -years 1
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/virk-analyse/virk"
)

// Config is what to generate.
type Config struct {
	Buildings int
	Years     int
	FirstYear int
	Seed      uint64
	Out       string
}

func main() {
	var c Config
	flag.IntVar(&c.Buildings, "buildings", 500, "number of buildings, each with two hourly meters")
	flag.IntVar(&c.Years, "years", 5, "number of years of hourly readings")
	flag.IntVar(&c.FirstYear, "from", 2019, "first year")
	flag.Uint64Var(&c.Seed, "seed", 1, "random seed")
	flag.StringVar(&c.Out, "out", "bench/out/energy", "output directory")
	flag.Parse()
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "energygen:", err)
		os.Exit(1)
	}
}

var categories = []string{"Skole", "Barnehage", "Sykehjem", "Administrasjon"}

func run(c Config) error {
	if c.Buildings < 1 || c.Years < 1 || c.FirstYear < 1900 {
		return fmt.Errorf("-buildings and -years must be at least 1")
	}
	if err := os.MkdirAll(c.Out, 0o755); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(c.Seed, 7))
	temps := temperatures(c, rng)
	if err := write(filepath.Join(c.Out, "temperatur.csv"), func(w *bufio.Writer) {
		w.WriteString("Navn;Stasjon;Tid(norsk normaltid);Middeltemperatur (døgn)\n")
		d := virk.Date{Year: c.FirstYear, Month: 1, Day: 1}
		for _, t := range temps {
			fmt.Fprintf(w, "Benchmark;SN99999;%02d.%02d.%d;%s\n", d.Day, d.Month, d.Year, comma(t, 1))
			d = d.AddDays(1)
		}
	}); err != nil {
		return err
	}
	if err := write(filepath.Join(c.Out, "normaler.txt"), func(w *bufio.Writer) {
		w.WriteString("DØGNNORMAL - ÅRSLISTE (1991-2020)\n\nStasjoner\nStnr;Navn\n99999;BENCHMARK\n\nTAM - døgnnormaler\nMnd;Dag;99999\n")
		for d := (virk.Date{Year: 2000, Month: 1, Day: 1}); d.Year == 2000; d = d.AddDays(1) {
			fmt.Fprintf(w, "%d;%d;%s\n", d.Month, d.Day, comma(normal(d), 1))
		}
	}); err != nil {
		return err
	}
	if err := write(filepath.Join(c.Out, "bygg.csv"), func(w *bufio.Writer) {
		w.WriteString("bygg;navn;kategori;areal;år;stasjon;åpen;helg\n")
		for b := range c.Buildings {
			open := "07-17"
			if b%4 == 2 {
				open = "døgn"
			}
			fmt.Fprintf(w, "b%04d;Bygg %d;%s;%d;%d;SN99999;%s;nei\n", b, b, categories[b%4], 800+rng.IntN(9000), c.FirstYear, open)
		}
	}); err != nil {
		return err
	}
	if err := write(filepath.Join(c.Out, "malere.csv"), func(w *bufio.Writer) {
		w.WriteString("måler;bygg;energibærer;hovedmåler\n")
		for b := range c.Buildings {
			fmt.Fprintf(w, "m%04d-el;b%04d;elektrisitet;ja\nm%04d-fv;b%04d;fjernvarme;ja\n", b, b, b, b)
		}
	}); err != nil {
		return err
	}
	return write(filepath.Join(c.Out, "readings.csv"), func(w *bufio.Writer) {
		w.WriteString("Målepunkt-ID;Fra;Til;Volum (kWh)\n")
		start := time.Date(c.FirstYear, 1, 1, 0, 0, 0, 0, virk.Oslo())
		end := time.Date(c.FirstYear+c.Years, 1, 1, 0, 0, 0, 0, virk.Oslo())
		var buf []byte
		for b := range c.Buildings {
			scale := 5 + 40*rng.Float64()
			for _, kind := range []string{"el", "fv"} {
				for t := start; t.Before(end); t = t.Add(time.Hour) {
					l := t.In(virk.Oslo())
					temp := temps[int(l.Sub(start).Hours()/24)]
					var v float64
					if kind == "el" {
						v = scale * (0.6 + 0.4*shape(l.Hour(), l.Weekday())) * (1 + 0.05*rng.NormFloat64())
					} else {
						v = scale * (0.1 + 0.08*math.Max(0, 16-temp)) * (1 + 0.05*rng.NormFloat64())
					}
					next := t.Add(time.Hour).In(virk.Oslo())
					buf = buf[:0]
					buf = fmt.Appendf(buf, "m%04d-%s;", b, kind)
					buf = l.AppendFormat(buf, "2006-01-02 15:04")
					buf = append(buf, ';')
					buf = next.AppendFormat(buf, "2006-01-02 15:04")
					buf = append(buf, ';')
					buf = strconv.AppendFloat(buf, math.Round(math.Max(v, 0)*1000)/1000, 'f', -1, 64)
					buf = append(buf, '\n')
					w.Write(buf)
				}
			}
		}
	})
}

// shape is the share of a day's peak load in a clock hour: high in
// opening hours on weekdays.
func shape(h int, wd time.Weekday) float64 {
	if wd == time.Saturday || wd == time.Sunday || h < 7 || h >= 17 {
		return 0.1
	}
	return 1
}

// normal is a smooth normal year: −4 °C in January, 17 °C in July.
func normal(d virk.Date) float64 {
	doy := float64(d.Time(time.UTC).YearDay())
	return 6.5 - 10.5*math.Cos(2*math.Pi*(doy-15)/365)
}

// temperatures returns a daily mean for every day of the years: the
// normal plus weather that lasts a few days.
func temperatures(c Config, rng *rand.Rand) []float64 {
	var out []float64
	a := 0.0
	for d := (virk.Date{Year: c.FirstYear, Month: 1, Day: 1}); d.Year < c.FirstYear+c.Years; d = d.AddDays(1) {
		a = 0.8*a + 1.8*rng.NormFloat64()
		out = append(out, math.Round((normal(d)+a)*10)/10)
	}
	return out
}

func comma(v float64, dec int) string {
	s := strconv.FormatFloat(v, 'f', dec, 64)
	for i := range s {
		if s[i] == '.' {
			return s[:i] + "," + s[i+1:]
		}
	}
	return s
}

func write(name string, fn func(w *bufio.Writer)) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fn(w)
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
