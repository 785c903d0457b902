package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/ingest"
	"github.com/virk-analyse/virk/nb"
)

func runImport(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("import", "[--dry-run] [--map KARTLEGGING.json] [--db DB] FIL…")
	addDBFlag(fs, &c)
	dryRun := fs.Bool("dry-run", false, "vis hva som ville blitt lagt til og endret, uten å lagre noe")
	mapFile := fs.String("map", "", "kartleggingsfil for JSON-stat og PC-Axis: hvilke dimensjoner som er indikator, enhet og periode")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	mapping, err := readMapping(*mapFile)
	if err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("oppgi minst én fil (CSV, XLSX, JSON-stat, PC-Axis eller katalog-JSON)")
	}
	prog := newProgress(m.Stdout, m.IsTerminal)
	defer prog.close()
	var files []ingest.NamedFile
	var total int64
	for _, name := range fs.Args() {
		fi, err := os.Stat(name)
		if err != nil {
			return virk.Errorf(virk.EINVALID, "%s: filen finnes ikke eller kan ikke leses", name)
		}
		if fi.IsDir() {
			return virk.Errorf(virk.EINVALID, "%s: er en mappe; oppgi filene", name)
		}
		total += fi.Size()
	}
	prog.stage("Leser", total)
	// The files are read as the import needs them, not held in memory:
	// a CSV file in UTF-8 or a workbook is read once to hash and check it,
	// counted on the bar, and once more as it is parsed.
	cr := &countingReader{prog: prog}
	var readErr error
	var readName string
	for _, name := range fs.Args() {
		f, err := os.Open(name)
		if err != nil {
			return virk.Errorf(virk.EINVALID, "%s: kan ikke åpnes: %v", name, err)
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil {
			return virk.Errorf(virk.EINVALID, "%s: kan ikke leses: %v", name, err)
		}
		counted := false
		open := func() (io.ReadCloser, error) {
			var r io.Reader = io.NewSectionReader(f, 0, fi.Size())
			if !counted {
				counted = true
				cr.r = r
				r = cr
			}
			return &readRecorder{r: r, err: func(err error) {
				if readErr == nil {
					readErr, readName = err, name
				}
			}}, nil
		}
		files = append(files, ingest.NamedFile{Name: name, Open: open})
	}
	// An import waits for another that is running, here or in another
	// process, and says so on Stderr. A dry run does not wait: it reads
	// what is committed. Only logging it below may wait, after its result
	// is shown.
	st, err := m.openWriter(ctx, c.DB, true, prog)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := importNamed(ctx, st, files, virk.ApplyOptions{DryRun: *dryRun, User: c.User, MaxChanges: 20}, mapping, m.Stderr, prog)
	if err != nil && readErr != nil {
		err = virk.Errorf(virk.EINVALID, "%s: kan ikke leses: %v", readName, readErr)
	}
	prog.close()
	prog = nil
	setWaiting(st, waitNotice(m.Stderr, m.IsTerminal, nil))
	if err != nil {
		return err
	}
	if err := writeImportResult(m.Stdout, res, *dryRun); err != nil {
		return err
	}
	// Only what reached the store is logged: an import refused for
	// faults in its files stored nothing and is told to the user alone.
	return writeAudit(ctx, st, c, *virk.ImportEvent(strings.Join(fs.Args(), ", "), res, *dryRun))
}

type namedData struct {
	name string
	data []byte
}

// readRecorder reads from r and tells err of a failed read, so that the
// command can name the file it could not read.
type readRecorder struct {
	r   io.Reader
	err func(error)
}

func (r *readRecorder) Read(b []byte) (int, error) {
	n, err := r.r.Read(b)
	if err != nil && err != io.EOF {
		r.err(err)
	}
	return n, err
}

// Close implements io.Closer; the command closes the files.
func (r *readRecorder) Close() error { return nil }

// importFiles reads the files into one change set, checks it against the
// stored catalogue and applies it in one transaction.
// Warnings (faults the readers skipped, such as a bad note in a PC-Axis
// file) go to warn, nil for none.
func importFiles(ctx context.Context, st virk.Store, files []namedData, opts virk.ApplyOptions, mapping *ingest.JSONStatMapping, warn io.Writer, prog *progress) (*virk.ApplyResult, error) {
	nf := make([]ingest.NamedFile, len(files))
	for i, f := range files {
		nf[i] = ingest.NamedFile{Name: f.name, Data: f.data}
	}
	return importNamed(ctx, st, nf, opts, mapping, warn, prog)
}

// importNamed is importFiles of files that may be read as they are needed.
func importNamed(ctx context.Context, st virk.Store, nf []ingest.NamedFile, opts virk.ApplyOptions, mapping *ingest.JSONStatMapping, warn io.Writer, prog *progress) (*virk.ApplyResult, error) {
	opts.Progress = func(done, total int) { prog.set(int64(done)) }
	lo := ingest.LoadOptions{ApplyOptions: opts, Stage: prog.stage, Warn: func(w string) {
		if warn != nil {
			prog.clear()
			fmt.Fprintf(warn, "Advarsel: %s\n", w)
		}
	}}
	if mapping != nil {
		lo.JSONStat, lo.PXMapping = mapping.Func(), mapping
	}
	res, err := ingest.Load(ctx, st, nf, lo)
	if err != nil {
		return nil, importError(err)
	}
	return res, nil
}

// importError turns the importer's list of faults into a user error.
func importError(err error) error {
	if errors.Is(err, context.Canceled) {
		return virk.Errorf(virk.EINVALID, "ingenting er lagret: importen ble avbrutt")
	}
	if es, ok := err.(ingest.Errors); ok {
		return virk.Errorf(virk.EINVALID, "ingenting er lagret: %d feil i filene:\n%s", len(es), es.Error())
	}
	if code := virk.ErrorCode(err); code != virk.EINTERNAL {
		return virk.Errorf(code, "ingenting er lagret: %s", virk.ErrorMessage(err))
	}
	return virk.Errorf(virk.EINVALID, "ingenting er lagret: %v", err)
}

func writeImportResult(w io.Writer, res *virk.ApplyResult, dryRun bool) error {
	var b strings.Builder
	if dryRun {
		b.WriteString("Prøvekjøring (--dry-run): ingenting er lagret. Slik ville importen blitt:\n\n")
	}
	t := &textTable{header: []string{"", "Nye", "Endrede", "Uendrede"}, right: []bool{false, true, true, true}}
	s := res.Summary
	for _, r := range []struct {
		name     string
		c        virk.Counts
		optional bool // shown only for the imports that have them
	}{{"Indikatorer", s.Indicators, false}, {"Enheter", s.Entities, false}, {"Observasjoner", s.Observations, false},
		{"Merknader", s.Annotations, false}, {"Stasjoner, bygg og målere", s.Meters, true}, {"Måler- og værverdier", s.Readings, true},
		{"Prosjekter", s.Projects, true}, {"Gevinster", s.Benefits, true}} {
		if r.optional && r.c.Total() == 0 {
			continue
		}
		t.add(r.name, nb.Number(float64(r.c.Added), 0), nb.Number(float64(r.c.Changed), 0), nb.Number(float64(r.c.Unchanged), 0))
	}
	if err := t.write(&b); err != nil {
		return err
	}
	if len(res.Changes) > 0 {
		b.WriteString("\nEndrede observasjoner (gammel → ny):\n")
		for _, ch := range res.Changes {
			fmt.Fprintf(&b, "  %s / %s / %s: %s → %s\n", ch.New.IndicatorID, ch.New.EntityID, ch.New.Period,
				figureText(ch.Old), figureText(ch.New))
		}
		if n := s.Observations.Changed - len(res.Changes); n > 0 {
			fmt.Fprintf(&b, "  … og %s til\n", nb.Number(float64(n), 0))
		}
	}
	switch {
	case s.Changes() == 0:
		b.WriteString("\nIngen endringer: alt i filene er allerede lagret.")
		for _, bt := range res.SameFiles {
			fmt.Fprintf(&b, " Samme innhold ble importert som batch %d %s.", bt.ID, nb.DateTime(bt.CreatedAt.Local()))
		}
		b.WriteString("\n")
	case res.Batch != nil:
		fmt.Fprintf(&b, "\nLagret som batch %d. Tidligere verdier er tatt vare på som revisjoner.\n", res.Batch.ID)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// figureText prints an observation's value or status symbol.
func figureText(o virk.Observation) string {
	if !o.Status.HasValue() {
		return o.Status.Symbol()
	}
	s := nb.Decimal(o.Value, -1)
	if o.Status == virk.StatusPreliminary {
		s += " (foreløpig)"
	}
	return s
}
