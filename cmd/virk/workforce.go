package main

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/ingest"
	"github.com/virk-analyse/virk/nb"
	"github.com/virk-analyse/virk/workforce"
)

const workforceSynopsis = "import|project [flagg] …"

// runWorkforce dispatches the workforce statistics commands.
func runWorkforce(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 {
		return usagef("bruk virk workforce %s", workforceSynopsis)
	}
	switch args[0] {
	case "import":
		return runWorkforceImport(ctx, m, args[1:])
	case "project":
		return runWorkforceProject(ctx, m, args[1:])
	}
	return usagef("ukjent underkommando %q; bruk virk workforce %s", args[0], workforceSynopsis)
}

// runWorkforceImport reads an HR extract, aggregates it under disclosure
// control and stores the figures. The person-level rows live only in
// memory while this runs; the batch records the files' names and hashes.
func runWorkforceImport(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("workforce import", "[--dry-run] [--map MAPPING.json] [--threshold 5] [--db DB] ARBEIDSFORHOLD.csv FRAVÆR.csv")
	addDBFlag(fs, &c)
	dryRun := fs.Bool("dry-run", false, "kontroller uttrekket og vis hva som ville blitt lagret, uten å lagre noe")
	mapFile := fs.String("map", "", "mappingfil med HR-systemets kolonnenavn og enhetskoder")
	threshold := fs.Int("threshold", workforce.DefaultThreshold, "færrest personer et publisert tall kan bygge på (prikking)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usagef("oppgi to filer: arbeidsforholdene og fraværet (CSV eller XLSX)")
	}
	if *threshold < 1 {
		return usagef("--threshold må være minst 1, ikke %d", *threshold)
	}
	files, err := readUnhashed(fs.Args())
	if err != nil {
		return err
	}
	opts := ingest.HROptions{}
	if *mapFile != "" {
		mf, _, err := readFiles([]string{*mapFile})
		if err != nil {
			return err
		}
		if opts.Mapping, err = ingest.ReadHRMapping(mf[0].name, mf[0].data); err != nil {
			return importError(err)
		}
	}
	st, err := m.openWriter(ctx, c.DB, true, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	cat, err := storedCatalogue(ctx, st)
	if err != nil {
		return err
	}
	opts.Unit = func(id string) bool { e := cat.Entity(id); return e != nil && e.Kind != virk.KindGroup }
	defer debug.SetGCPercent(relaxGC(workforceGCPercent))
	emps, abs, hashes, err := readExtract(files, opts)
	if err != nil {
		return importError(err)
	}
	// CheckAbsences runs beside Compute, and its faults come first, as if
	// it ran before: a result computed from faulty absences is dropped.
	var faults []string
	var checked sync.WaitGroup
	checked.Add(1)
	go func() { defer checked.Done(); faults = workforce.CheckAbsences(emps, abs) }()
	res, err := workforce.Compute(&workforce.Input{Employments: emps, Absences: abs, Catalogue: cat, Threshold: *threshold})
	checked.Wait()
	if len(faults) > 0 {
		return virk.Errorf(virk.EINVALID, "ingenting er lagret: %d feil i fraværet:\n%s:%s", len(faults), files[1].name,
			strings.Join(faults, "\n"+files[1].name+":"))
	}
	if err != nil {
		return importError(err)
	}
	cs, warnings := workforce.ChangeSet(cat, res, hashes)
	for _, w := range warnings {
		fmt.Fprintf(m.Stderr, "Advarsel: %s\n", w)
	}
	ar, err := st.Apply(ctx, cs, virk.ApplyOptions{DryRun: *dryRun, User: c.User})
	if err != nil {
		return importError(err)
	}
	fmt.Fprintf(m.Stdout, "Leste %s arbeidsforhold for %s personer og %s fraværsperioder, %d–%d.\n",
		nb.Number(float64(res.Rows), 0), nb.Number(float64(res.Persons), 0), nb.Number(float64(res.Spells), 0), res.FirstYear, res.LastYear)
	fmt.Fprintf(m.Stdout, "Beregnet %s tall; %s er prikket (færre enn %d personer, eller for å skjule et prikket tall). Bare tallene lagres, ingen personopplysninger.\n\n",
		nb.Number(float64(len(res.Observations)), 0), nb.Number(float64(res.Suppressed), 0), *threshold)
	if err := writeImportResult(m.Stdout, ar, *dryRun); err != nil {
		return err
	}
	return writeAudit(ctx, st, c, *virk.ImportEvent(strings.Join(fs.Args(), ", "), ar, *dryRun))
}

// workforceGCPercent is the garbage collector's GOGC while an extract is
// read and aggregated. Almost nothing allocated then is garbage: the
// files, the rows and Compute's records stay live until Compute returns,
// so a collection frees next to nothing and only costs. At the default
// of 100 the heap doubles past the files (107 MB in bench/workforce.sh)
// as the 91 MB slice of rows is made, and the collection that starts then
// scans the slice before the reader writes it, so that its pages are
// faulted in twice (a quarter of the CPU time is page faults on a virtual
// machine) while it competes with the reading for the second core. At
// 400 the heap may grow to five times what was live at the last
// collection (the files), so that none runs on that extract (0.53 → 0.50
// s) and memory stays bounded on one whose reading makes more garbage.
// Measured in BENCHMARKS.md.
const workforceGCPercent = 400

// relaxGC raises GOGC to percent, unless it is off or higher already, and
// returns the setting to restore.
func relaxGC(percent int) int {
	old := debug.SetGCPercent(percent)
	if old < 0 || old > percent {
		debug.SetGCPercent(old)
	}
	return old
}

// readExtract reads the employments of files[0] and the absences of
// files[1] and hashes both for the batch. On a machine with two cores
// or more, hashing (about 50 ms for 100 MB) and reading the absences run
// beside reading the employments, the longest step. The faults are those
// of reading one after the other: the employments' if they have any, and
// else the absences'.
func readExtract(files []namedData, opts ingest.HROptions) ([]virk.Employment, []virk.Absence, []virk.File, error) {
	var (
		wg     sync.WaitGroup
		abs    []virk.Absence
		absErr error
		hashes []virk.File
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		hashes = hashFiles(files)
		abs, absErr = ingest.ReadAbsences(files[1].name, files[1].data, opts)
	}()
	emps, err := ingest.ReadEmployments(files[0].name, files[0].data, opts)
	wg.Wait()
	if err != nil {
		return nil, nil, nil, err
	}
	if absErr != nil {
		return nil, nil, nil, absErr
	}
	return emps, abs, hashes, nil
}
