package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/ingest"
	"github.com/virk-analyse/virk/kostra"
	"github.com/virk-analyse/virk/nb"
)

// kostraUsage is the synopsis of "virk kostra fetch".
const kostraUsage = "fetch --table ID [--region ASSS|alle|KODE,…] [--years 2015-2024] [--var VARIABEL=KODER …] " +
	"[--map KARTLEGGING.json] [--dry-run] [--force] [--base-url URL] [--pace 2s] [--db DB]"

// runKostra runs the kostra subcommands: "fetch" for tables, "groups"
// for SSB's KOSTRA groups (groups.go).
func runKostra(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintf(m.Stderr, "Bruk / usage: virk kostra %s\n       virk kostra groups %s\n\n", kostraUsage, kostraGroupsSynopsis)
		fmt.Fprintln(m.Stderr, "Henter tabeller fra SSBs statistikkbank (PxWebApi v2) og lagrer dem som en import.")
		fmt.Fprintln(m.Stderr, "«virk kostra groups» lagrer SSBs KOSTRA-grupper fra en korrespondansetabell i KLASS.")
		fmt.Fprintln(m.Stderr, "«virk kostra fetch -h» og «virk kostra groups -h» viser flaggene.")
		if len(args) == 0 {
			return usagef("oppgi en underkommando: fetch eller groups")
		}
		return flag.ErrHelp
	}
	switch args[0] {
	case "fetch":
		return runKostraFetch(ctx, m, args[1:])
	case "groups":
		return runKostraGroups(ctx, m, args[1:])
	}
	return usagef("ukjent underkommando %q; bruk «virk kostra fetch» eller «virk kostra groups»", args[0])
}

func runKostraFetch(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("kostra", kostraUsage)
	addDBFlag(fs, &c)
	table := fs.String("table", "", "SSBs tabellnummer, f.eks. 12367")
	var regions listFlag
	fs.Var(&regions, "region", "regioner: ASSS, alle (alle kommuner) eller koder som 3201,0301,EAK; standard alle regionene i tabellen")
	years := fs.String("years", "", "årene som skal hentes: 2015-2024, 2020- eller 2023")
	vars := varFlag{}
	fs.Var(vars, "var", "koder for en annen variabel, f.eks. KOKfunksjon0000=100,110,120 eller KOKart0000=AGD*; kan gjentas")
	mapFile := fs.String("map", "", "kartleggingsfil for JSON-stat: hvilke dimensjoner som er indikator, enhet og periode")
	dryRun := fs.Bool("dry-run", false, "vis spørringene og antall celler, uten å hente data eller lagre noe")
	force := fs.Bool("force", false, "hent alt på nytt selv om tabellen ikke er oppdatert hos SSB siden forrige henting")
	baseURL := fs.String("base-url", kostra.DefaultBaseURL, "adressen til PxWebApi v2")
	pace := fs.Duration("pace", kostra.DefaultPace, "minste tid mellom to spørringer; hos SSB aldri under 2s (30 spørringer per minutt)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("uventet argument %q; alt oppgis med flagg", fs.Arg(0))
	}
	if *table == "" {
		return usagef("oppgi tabellen med --table, f.eks. --table 12367")
	}
	from, to, err := parseYears(*years)
	if err != nil {
		return usageError{err}
	}
	mapping, err := readMapping(*mapFile)
	if err != nil {
		return err
	}
	cl := &kostra.Client{BaseURL: *baseURL, Pace: *pace}
	if u, err := url.Parse(*baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usagef("--base-url %q er ikke en http- eller https-adresse", *baseURL)
	} else if strings.HasSuffix(u.Hostname(), "ssb.no") {
		cl.Pace = max(cl.Pace, kostra.DefaultPace)
	}
	if cl.Pace <= 0 {
		cl.Pace = -1 // no pacing against a server of one's own
	}
	cl.Wait = retryNotice(m)

	meta, err := cl.Metadata(ctx, *table)
	if err != nil {
		return err
	}
	plan, err := cl.Plan(meta, kostra.Query{Table: *table, Region: regions, From: from, To: to, Vars: vars})
	if err != nil {
		return err
	}
	st, err := m.openStoreFor(ctx, c.DB, *dryRun)
	if err != nil {
		return err
	}
	if st != nil {
		defer st.Close()
	}
	stored, err := fetchedFiles(ctx, st)
	if err != nil {
		return err
	}
	var todo []kostra.Request
	for _, r := range plan.Requests {
		if *force || !stored[r.Name] {
			todo = append(todo, r)
		}
	}
	if *dryRun {
		return writePlan(m.Stdout, meta, plan, stored, len(todo), cl.Pace)
	}
	if len(todo) == 0 {
		fmt.Fprintf(m.Stdout, "Ingen endringer: tabell %s er ikke oppdatert hos SSB siden forrige henting (oppdatert %s). "+
			"Ingen data er hentet; bruk --force for å hente på nytt.\n", plan.Table, plan.Updated)
		return nil
	}

	prog := newProgress(m.Stdout, m.IsTerminal)
	defer prog.close()
	prog.stage("Henter fra SSB", int64(len(todo)))
	var files []namedData
	err = cl.Fetch(ctx, todo, func(r kostra.Request, body []byte) error {
		files = append(files, namedData{r.Name, body})
		prog.set(int64(len(files)))
		return nil
	})
	if err != nil {
		return err
	}
	res, err := importFiles(ctx, st, files, virk.ApplyOptions{User: c.User, MaxChanges: 20}, mapping, m.Stderr, prog)
	prog.close()
	if err != nil {
		return err
	}
	cells := 0
	for _, r := range todo {
		cells += r.Cells
	}
	fmt.Fprintf(m.Stdout, "Hentet tabell %s fra SSB (oppdatert %s): %s av %s spørringer, %s celler.\n\n",
		plan.Table, plan.Updated, nb.Number(float64(len(todo)), 0), nb.Number(float64(len(plan.Requests)), 0),
		nb.Number(float64(cells), 0))
	if err := writeImportResult(m.Stdout, res, false); err != nil {
		return err
	}
	e := *virk.ImportEvent("SSB-tabell "+plan.Table, res, false)
	e.Detail = fmt.Sprintf("%d av %d spørringer hentet (oppdatert %s); %s", len(todo), len(plan.Requests), plan.Updated, e.Detail)
	return writeAudit(ctx, st, c, e)
}

// fetchedFiles returns the names of the files stored batches read. A
// response's name holds its table's "updated" time and its query, so a
// stored name means that response is stored as SSB publishes it now.
func fetchedFiles(ctx context.Context, st virk.Store) (map[string]bool, error) {
	names := map[string]bool{}
	if st == nil {
		return names, nil
	}
	batches, err := st.FindBatches(ctx)
	if err != nil {
		return nil, err
	}
	for _, b := range batches {
		for _, f := range b.Files {
			names[filepath.Base(f.Name)] = true
		}
	}
	return names, nil
}

// writePlan prints a dry run: the table, then each request with its cells.
func writePlan(w io.Writer, meta *kostra.Metadata, p *kostra.Plan, stored map[string]bool, todo int, pace time.Duration) error {
	var b strings.Builder
	b.WriteString("Prøvekjøring (--dry-run): ingen data er hentet eller lagret.\n\n")
	fmt.Fprintf(&b, "Tabell %s: %s\nOppdatert hos SSB: %s\n", p.Table, meta.Label, p.Updated)
	fmt.Fprintf(&b, "%s celler i %s spørringer (høyst %s celler per spørring).\n\n",
		nb.Number(float64(p.Cells), 0), nb.Number(float64(len(p.Requests)), 0), nb.Number(float64(maxCellsOf(p)), 0))
	for _, r := range p.Requests {
		mark := ""
		if stored[r.Name] {
			mark = " (hentet før)"
		}
		fmt.Fprintf(&b, "Del %d/%d: %s celler%s\n  %s\n", r.Part, r.Parts, nb.Number(float64(r.Cells), 0), mark, r.URL)
	}
	if todo < len(p.Requests) {
		fmt.Fprintf(&b, "\n%d av %d spørringer er lagret fra før med samme oppdateringstid og hoppes over (--force henter dem likevel).\n",
			len(p.Requests)-todo, len(p.Requests))
	}
	if todo > 1 && pace > 0 {
		fmt.Fprintf(&b, "\nSSB tillater 30 spørringer per minutt; hentingen tar minst %s.\n", (time.Duration(todo-1) * pace).Round(time.Second))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func maxCellsOf(p *kostra.Plan) int {
	n := 0
	for _, r := range p.Requests {
		n = max(n, r.Cells)
	}
	return n
}

// readMapping reads a mapping file for JSON-stat and PC-Axis, "" for the
// defaults.
func readMapping(name string) (*ingest.JSONStatMapping, error) {
	if name == "" {
		return nil, nil
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, virk.Errorf(virk.EINVALID, "%s: kartleggingsfilen kan ikke leses: %v", name, err)
	}
	mp, err := ingest.ReadJSONStatMapping(filepath.Base(name), data)
	if err != nil {
		return nil, importError(err)
	}
	return mp, nil
}

// parseYears reads --years: "2015-2024", "2020-", "-2019" or "2023".
func parseYears(s string) (from, to int, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, 0, nil
	}
	lo, hi, isRange := strings.Cut(s, "-")
	if !isRange {
		hi = lo
	}
	num := func(t string) (int, error) {
		if t = strings.TrimSpace(t); t == "" {
			return 0, nil
		}
		y, err := strconv.Atoi(t)
		if err != nil || y < 1000 || y > 9999 {
			return 0, fmt.Errorf("--years %q: oppgi år som 2015-2024, 2020- eller 2023", s)
		}
		return y, nil
	}
	if from, err = num(lo); err != nil {
		return 0, 0, err
	}
	if to, err = num(hi); err != nil {
		return 0, 0, err
	}
	if from != 0 && to != 0 && from > to {
		return 0, 0, fmt.Errorf("--years %q: første år er etter siste", s)
	}
	return from, to, nil
}

// varFlag collects repeated --var VARIABEL=KODER flags.
type varFlag map[string][]string

func (v varFlag) String() string {
	var parts []string
	for k, codes := range v {
		parts = append(parts, k+"="+strings.Join(codes, ","))
	}
	return strings.Join(parts, " ")
}

func (v varFlag) Set(s string) error {
	name, codes, ok := strings.Cut(s, "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" || strings.TrimSpace(codes) == "" {
		return fmt.Errorf("skriv VARIABEL=KODER, f.eks. KOKart0000=AGD2,AGD4")
	}
	var l listFlag
	l.Set(codes)
	v[name] = append(v[name], l...)
	return nil
}
