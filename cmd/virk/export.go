package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/export"
)

func runExport(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("export", "[--format csv|jsonstat|xlsx] [--indicator ID,…] [--entity ID,…] [--from P] [--to P] [-o FIL]")
	addDBFlag(fs, &c)
	var f virk.ObservationFilter
	format := fs.String("format", "csv", "csv (semikolon, desimalkomma), jsonstat (JSON-stat 2.0) eller xlsx")
	fs.Var((*listFlag)(&f.IndicatorIDs), "indicator", "bare disse indikatorene")
	fs.Var((*listFlag)(&f.EntityIDs), "entity", "bare disse enhetene")
	from := fs.String("from", "", "første periode")
	to := fs.String("to", "", "siste periode")
	out := fs.String("o", "", "skriv til denne filen i stedet for standard ut")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var err error
	if f.From, err = optPeriod("--from", *from); err != nil {
		return err
	}
	if f.To, err = optPeriod("--to", *to); err != nil {
		return err
	}
	write := map[string]func(io.Writer, *export.Data) error{
		"csv":      export.WriteCSV,
		"xlsx":     export.WriteXLSX,
		"jsonstat": func(w io.Writer, d *export.Data) error { return export.WriteJSONStat(w, d, time.Now()) },
	}[*format]
	if write == nil {
		return usagef("--format %q er ukjent (forventet csv, jsonstat eller xlsx)", *format)
	}
	if *format == "xlsx" && *out == "" && m.IsTerminal {
		return usagef("XLSX er binært: bruk -o FIL.xlsx")
	}
	st, err := openStore(ctx, c.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	var d export.Data
	if d.Indicators, _, err = st.FindIndicators(ctx, virk.IndicatorFilter{}); err != nil {
		return err
	}
	if d.Entities, _, err = st.FindEntities(ctx, virk.EntityFilter{}); err != nil {
		return err
	}
	if d.Observations, err = st.FindObservations(ctx, f); err != nil {
		return err
	}
	w := m.Stdout
	if *out != "" {
		file, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer file.Close()
		w = file
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := write(bw, &d); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if *out != "" {
		return w.(*os.File).Close()
	}
	return nil
}
