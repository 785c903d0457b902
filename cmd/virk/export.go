package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
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
	if *out == "" {
		return writeBuffered(m.Stdout, write, &d)
	}
	return writeFileAtomic(*out, func(w io.Writer) error { return writeBuffered(w, write, &d) })
}

func writeBuffered(w io.Writer, write func(io.Writer, *export.Data) error, d *export.Data) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := write(bw, d); err != nil {
		return err
	}
	return bw.Flush()
}

// writeFileAtomic writes name through a temporary file in the same folder
// and renames it into place, so that a failed export leaves no half file
// and an existing file untouched.
func writeFileAtomic(name string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return virk.Errorf(virk.EINVALID, "%s: kan ikke skrives: %v", name, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return virk.Errorf(virk.EINVALID, "%s: kan ikke skrives: %v", name, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return virk.Errorf(virk.EINVALID, "%s: kan ikke skrives: %v", name, err)
	}
	return nil
}
