package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/energy"
	"github.com/virk-analyse/virk/ingest"
	"github.com/virk-analyse/virk/nb"
)

const energySynopsis = "buildings|import|weather|compute|degreedays|alerts|alert [flagg] …"

// runEnergy dispatches the energy follow-up commands.
func runEnergy(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return runEnergyList(ctx, m, args)
	}
	switch args[0] {
	case "buildings":
		return runEnergyBuildings(ctx, m, args[1:])
	case "import":
		return runEnergyImport(ctx, m, args[1:])
	case "weather":
		return runEnergyWeather(ctx, m, args[1:])
	case "compute":
		return runEnergyCompute(ctx, m, args[1:])
	case "degreedays":
		return runEnergyDegreeDays(ctx, m, args[1:])
	case "alerts":
		return runEnergyAlerts(ctx, m, args[1:])
	case "alert":
		return runEnergyAlert(ctx, m, args[1:])
	case "list":
		return runEnergyList(ctx, m, args[1:])
	}
	return usagef("ukjent underkommando %q; bruk virk energy %s", args[0], energySynopsis)
}

// readFiles reads the named files whole, with their content hashes.
func readFiles(names []string) ([]namedData, []virk.File, error) {
	files, err := readUnhashed(names)
	if err != nil {
		return nil, nil, err
	}
	return files, hashFiles(files), nil
}

// readUnhashed reads the files without hashing them, so that a command
// can compute the hashes (hashFiles) beside other work.
func readUnhashed(names []string) ([]namedData, error) {
	var out []namedData
	for _, name := range names {
		fi, err := os.Stat(name)
		if err != nil {
			return nil, virk.Errorf(virk.EINVALID, "%s: filen finnes ikke eller kan ikke leses", name)
		}
		if fi.IsDir() {
			return nil, virk.Errorf(virk.EINVALID, "%s: er en mappe; oppgi filene", name)
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, virk.Errorf(virk.EINVALID, "%s: kan ikke leses: %v", name, err)
		}
		out = append(out, namedData{name, data})
	}
	return out, nil
}

// hashFiles returns the batch's record of files: each name and SHA-256,
// as readFiles gives them.
func hashFiles(files []namedData) []virk.File {
	out := make([]virk.File, len(files))
	for i, f := range files {
		sum := sha256.Sum256(f.data)
		out[i] = virk.File{Name: filepath.Base(f.name), SHA256: hex.EncodeToString(sum[:])}
	}
	return out
}

// runEnergyBuildings reads building and meter registers into one batch.
func runEnergyBuildings(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("energy buildings", "[--root ENHET] [--dry-run] [--db DB] BYGG.csv [MÅLERE.csv]")
	addDBFlag(fs, &c)
	root := fs.String("root", "eiendom", "enheten eiendomstreet står under; nye kategorier blir enheter under den")
	dryRun := fs.Bool("dry-run", false, "vis hva som ville blitt lagret, uten å lagre noe")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("oppgi bygg- og/eller målerfiler (CSV eller XLSX)")
	}
	files, hashes, err := readFiles(fs.Args())
	if err != nil {
		return err
	}
	st, err := m.openWriter(ctx, c.DB, true, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	cat, err := energyCatalogue(ctx, st)
	if err != nil {
		return err
	}
	cs := &virk.EnergyChangeSet{Catalogue: &virk.ChangeSet{Files: hashes, Indicators: cat.missing}}
	var errs ingest.Errors
	for _, f := range files {
		reg, err := ingest.ReadRegistry(f.name, f.data, ingest.RegistryOptions{Entity: cat.entity, Root: *root, AreaIndicator: energy.IndicatorArea})
		if err != nil {
			if es, ok := err.(ingest.Errors); ok {
				errs = append(errs, es...)
				continue
			}
			return importError(err)
		}
		for _, e := range reg.Entities {
			cat.ents[e.ID] = e // meters in a later file may name these buildings
		}
		cs.Catalogue.Entities = append(cs.Catalogue.Entities, reg.Entities...)
		cs.Catalogue.Observations = append(cs.Catalogue.Observations, reg.Areas...)
		cs.Buildings = append(cs.Buildings, reg.Buildings...)
		cs.Meters = append(cs.Meters, reg.Meters...)
	}
	if len(errs) > 0 {
		return importError(errs)
	}
	if cat.entity(*root) == nil && needsRoot(cs.Catalogue.Entities, *root) {
		// The property tree's top, new with the first register.
		cs.Catalogue.Entities = append([]*virk.Entity{{ID: *root, Name: "Eiendom", NameEN: "Property", Kind: virk.KindUnit}}, cs.Catalogue.Entities...)
	}
	res, err := st.ApplyEnergy(ctx, cs, virk.ApplyOptions{DryRun: *dryRun, User: c.User, MaxChanges: 20})
	if err != nil {
		return importError(err)
	}
	if err := writeImportResult(m.Stdout, res, *dryRun); err != nil {
		return err
	}
	return writeAudit(ctx, st, c, *virk.ImportEvent(strings.Join(fs.Args(), ", "), res, *dryRun))
}

func needsRoot(ents []*virk.Entity, root string) bool {
	for _, e := range ents {
		if e.ParentID == root {
			return true
		}
	}
	return false
}

// energyCat is the stored catalogue as the registry reader needs it.
type energyCat struct {
	ents    map[string]*virk.Entity
	missing []*virk.Indicator // energy indicators the catalogue lacks
}

func (c *energyCat) entity(id string) *virk.Entity { return c.ents[id] }

func energyCatalogue(ctx context.Context, st virk.Store) (*energyCat, error) {
	ents, _, err := st.FindEntities(ctx, virk.EntityFilter{})
	if err != nil {
		return nil, err
	}
	c := &energyCat{ents: map[string]*virk.Entity{}}
	for _, e := range ents {
		c.ents[e.ID] = e
	}
	for _, ind := range energy.Indicators() {
		if _, err := st.FindIndicatorByID(ctx, ind.ID); virk.ErrorCode(err) == virk.ENOTFOUND {
			c.missing = append(c.missing, ind)
		} else if err != nil {
			return nil, err
		}
	}
	return c, nil
}

// runEnergyImport reads meter readings and recomputes the figures.
func runEnergyImport(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("energy import", "[--dry-run] [--meter ID] [--utc] [--no-compute] [--db DB] FIL…")
	addDBFlag(fs, &c)
	dryRun := fs.Bool("dry-run", false, "kontroller filene og vis hva som ville blitt lagret, uten å lagre noe")
	meter := fs.String("meter", "", "måleren verdiene gjelder, for filer uten målerkolonne")
	utc := fs.Bool("utc", false, "tidspunkter uten tidssone er UTC, ikke norsk tid")
	noCompute := fs.Bool("no-compute", false, "ikke beregn nøkkeltall og avvik på nytt etter importen")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("oppgi minst én fil med måleravlesninger (CSV eller XLSX)")
	}
	files, hashes, err := readFiles(fs.Args())
	if err != nil {
		return err
	}
	st, err := m.openWriter(ctx, c.DB, true, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	meters, err := st.FindMeters(ctx, virk.MeterFilter{})
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, mt := range meters {
		known[mt.ID] = true
	}
	opts := ingest.ReadingsOptions{Meter: func(id string) bool { return known[id] }, DefaultMeter: *meter}
	if *utc {
		opts.Location = time.UTC
	}
	cs := &virk.EnergyChangeSet{Files: hashes}
	var errs ingest.Errors
	for _, f := range files {
		bs, err := ingest.ReadReadings(f.name, f.data, opts)
		if err != nil {
			if es, ok := err.(ingest.Errors); ok {
				errs = append(errs, es...)
				continue
			}
			return importError(err)
		}
		cs.Readings = append(cs.Readings, bs...)
	}
	if len(errs) > 0 {
		return importError(errs)
	}
	if err := mergeBlocks(cs); err != nil {
		return importError(err)
	}
	res, err := st.ApplyEnergy(ctx, cs, virk.ApplyOptions{DryRun: *dryRun, User: c.User})
	if err != nil {
		return importError(err)
	}
	if err := writeEnergyResult(m.Stdout, res, *dryRun); err != nil {
		return err
	}
	if err := writeAudit(ctx, st, c, *virk.ImportEvent(strings.Join(fs.Args(), ", "), res, *dryRun)); err != nil {
		return err
	}
	if *dryRun || *noCompute || res.Batch == nil {
		return nil
	}
	return computeEnergy(ctx, m, st, c)
}

// mergeBlocks joins the blocks of the same meter and month from several
// files, refusing values given twice with different figures.
func mergeBlocks(cs *virk.EnergyChangeSet) error {
	type key struct {
		meter string
		month int
	}
	seen := map[key]*virk.ReadingBlock{}
	var out []*virk.ReadingBlock
	for _, b := range cs.Readings {
		k := key{b.MeterID, b.Year*12 + int(b.Month)}
		prev := seen[k]
		if prev == nil {
			seen[k] = b
			out = append(out, b)
			continue
		}
		if prev.Step != b.Step {
			return virk.Errorf(virk.EINVALID, "måler %s, %d-%02d: filene har både %s- og %s-verdier", b.MeterID, b.Year, b.Month, prev.Step, b.Step)
		}
		for i, v := range b.Values {
			switch p := prev.Values[i]; {
			case v != v:
			case p != p:
				prev.Values[i] = v
			case p != v:
				return virk.Errorf(virk.EINVALID, "måler %s, %d-%02d: to filer har ulike verdier for samme tid (%v og %v kWh)", b.MeterID, b.Year, b.Month, p, v)
			}
		}
	}
	cs.Readings = out
	return nil
}

func writeEnergyResult(w io.Writer, res *virk.ApplyResult, dryRun bool) error {
	var b strings.Builder
	if dryRun {
		b.WriteString("Prøvekjøring (--dry-run): ingenting er lagret. Slik ville importen blitt:\n\n")
	}
	t := &textTable{header: []string{"", "Nye", "Endrede", "Uendrede"}, right: []bool{false, true, true, true}}
	s := res.Summary
	t.add("Stasjoner, bygg og målere", nb.Number(float64(s.Meters.Added), 0), nb.Number(float64(s.Meters.Changed), 0), nb.Number(float64(s.Meters.Unchanged), 0))
	t.add("Verdier", nb.Number(float64(s.Readings.Added), 0), nb.Number(float64(s.Readings.Changed), 0), nb.Number(float64(s.Readings.Unchanged), 0))
	if err := t.write(&b); err != nil {
		return err
	}
	switch {
	case s.Changes() == 0:
		b.WriteString("\nIngen endringer: alt i filene er allerede lagret.")
		for _, bt := range res.SameFiles {
			fmt.Fprintf(&b, " Samme innhold ble importert som batch %d %s.", bt.ID, nb.DateTime(bt.CreatedAt.Local()))
		}
		b.WriteString("\n")
	case res.Batch != nil:
		fmt.Fprintf(&b, "\nLagret som batch %d.", res.Batch.ID)
		if s.Readings.Changed > 0 {
			b.WriteString(" Endrede verdier er tatt vare på som revisjoner.")
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// runEnergyWeather reads temperatures and normals of a station.
func runEnergyWeather(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("energy weather", "[--period 1991-2020] [--dry-run] [--db DB] FIL…")
	addDBFlag(fs, &c)
	period := fs.String("period", "", "normalperioden, for normalfiler som ikke sier den selv (f.eks. 1991-2020)")
	dryRun := fs.Bool("dry-run", false, "kontroller filene uten å lagre noe")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("oppgi minst én fil fra MET (eKlima DØGNVERDIER/DØGNNORMAL eller seKlima CSV)")
	}
	files, hashes, err := readFiles(fs.Args())
	if err != nil {
		return err
	}
	cs := &virk.EnergyChangeSet{Files: hashes}
	stations := map[string]bool{}
	var errs ingest.Errors
	for _, f := range files {
		w, err := ingest.ReadWeather(f.name, f.data, *period)
		if err != nil {
			if es, ok := err.(ingest.Errors); ok {
				errs = append(errs, es...)
				continue
			}
			return importError(err)
		}
		for _, msg := range w.Warnings {
			fmt.Fprintf(m.Stderr, "Advarsel: %s\n", msg)
		}
		if !stations[w.Station.ID] {
			stations[w.Station.ID] = true
			st := w.Station
			cs.Stations = append(cs.Stations, &st)
		}
		cs.Temperatures = append(cs.Temperatures, w.Temperatures...)
		cs.Normals = append(cs.Normals, w.Normals...)
	}
	if len(errs) > 0 {
		return importError(errs)
	}
	st, err := m.openWriter(ctx, c.DB, true, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := st.ApplyEnergy(ctx, cs, virk.ApplyOptions{DryRun: *dryRun, User: c.User})
	if err != nil {
		return importError(err)
	}
	if err := writeEnergyResult(m.Stdout, res, *dryRun); err != nil {
		return err
	}
	return writeAudit(ctx, st, c, *virk.ImportEvent(strings.Join(fs.Args(), ", "), res, *dryRun))
}

// runEnergyCompute recomputes the yearly figures and the alerts.
func runEnergyCompute(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("energy compute", "[--db DB]")
	addDBFlag(fs, &c)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, c.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	return computeEnergy(ctx, m, st, c)
}

// computeEnergy runs energy.Compute on the store and keeps its figures as
// observations, in a batch, and its alerts.
func computeEnergy(ctx context.Context, m *Main, st virk.Store, c Config) error {
	res, stored, err := energy.Run(ctx, st, c.User)
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(m.Stderr, "Advarsel: %s\n", w)
	}
	fmt.Fprintf(m.Stdout, "Beregnet %s bygg: %s årstall, %s nye og %s oppdaterte avviksvarsler.\n",
		nb.Number(float64(len(res.Buildings)), 0), nb.Number(float64(stored.Observations.Total()), 0),
		nb.Number(float64(stored.AlertsAdded), 0), nb.Number(float64(stored.AlertsUpdated), 0))
	if stored.Batch != nil {
		fmt.Fprintf(m.Stdout, "Årstallene er lagret som batch %d.\n", stored.Batch.ID)
		return writeAudit(ctx, st, c, virk.AuditEvent{Action: virk.AuditImport, Object: "energiberegning", BatchID: stored.Batch.ID,
			Detail: fmt.Sprintf("observasjoner: %d nye, %d endrede", stored.Observations.Added, stored.Observations.Changed)})
	}
	return nil
}

// runEnergyList prints the buildings' yearly use.
func runEnergyList(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("energy", "[--db DB]")
	addDBFlag(fs, &c)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, c.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	in, err := energy.Load(ctx, st, nil)
	if err != nil {
		return err
	}
	if len(in.Buildings) == 0 {
		_, err := fmt.Fprintln(m.Stdout, "Ingen bygg i energioppfølgingen. Legg dem inn med «virk energy buildings BYGG.csv MÅLERE.csv».")
		return err
	}
	res := energy.Compute(in)
	t := &textTable{header: []string{"Bygg", "År", "kWh", "kWh normalår", "Metode", "R²", "CV(RMSE)", "Merknad"},
		right: []bool{false, true, true, true, false, true, true}}
	for _, b := range res.Buildings {
		for _, y := range b.Corrections {
			if !y.Complete {
				continue
			}
			r2, cv := "", ""
			if y.Method == energy.MethodModel {
				r2, cv = nb.Decimal(y.Model.R2, 2), nb.Percent(y.Model.CVRMSE*100, 1)
			}
			corr := ""
			if y.Corrected == y.Corrected {
				corr = nb.Number(y.Corrected, 0)
			}
			t.add(b.ID, strconv.Itoa(y.Year), nb.Number(y.Actual, 0), corr, string(y.Method), r2, cv, y.Note)
		}
	}
	return t.write(m.Stdout)
}

// runEnergyDegreeDays prints a station's degree days by month.
func runEnergyDegreeDays(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("energy degreedays", "--station SN18700 [--year ÅR] [--base 17] [--db DB]")
	addDBFlag(fs, &c)
	station := fs.String("station", "", "værstasjonen, f.eks. SN18700")
	year := fs.Int("year", 0, "året; uten: alle år med temperaturer")
	base := fs.Float64("base", energy.BaseTemperature, "basistemperatur i °C")
	period := fs.String("period", "", "normalperioden; uten: den nyeste lagrede")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *station == "" {
		return usagef("oppgi --station")
	}
	st, err := openStore(ctx, c.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	ts, err := st.FindTemperatures(ctx, virk.TemperatureFilter{Station: *station})
	if err != nil {
		return err
	}
	ns, err := st.FindNormals(ctx, *station, *period)
	if err != nil {
		return err
	}
	if len(ts) == 0 && len(ns) == 0 {
		return virk.Errorf(virk.ENOTFOUND, "ingen temperaturer for stasjonen %s; last dem inn med «virk energy weather»", *station)
	}
	w, n := energy.NewWeather(ts), energy.NewNormals(ns)
	years := []int{*year}
	if *year == 0 {
		years = nil
		for y := ts[0].Date.Year; len(ts) > 0 && y <= ts[len(ts)-1].Date.Year; y++ {
			years = append(years, y)
		}
	}
	t := &textTable{header: []string{"Måned", "Graddager", "Normal", "Dager", "Forhold normal/faktisk"}, right: []bool{false, true, true, true, true}}
	for _, y := range years {
		months := energy.Monthly(w, n, *base, y)
		for i, dd := range months {
			t.add(fmt.Sprintf("%d-%02d", y, i+1), nb.Decimal(dd.Actual, 1), nb.Decimal(dd.Normal, 1),
				fmt.Sprintf("%d av %d", dd.ActualDays, dd.Days), ratioText(dd))
		}
		dd := energy.Yearly(w, n, *base, y)
		t.add(strconv.Itoa(y), nb.Decimal(dd.Actual, 1), nb.Decimal(dd.Normal, 1), fmt.Sprintf("%d av %d", dd.ActualDays, dd.Days), ratioText(dd))
	}
	fmt.Fprintf(m.Stdout, "Graddager (basis %s °C) ved %s, normal %s\n\n", nb.Decimal(*base, 1), *station, n.Period)
	return t.write(m.Stdout)
}

func ratioText(dd energy.DegreeDays) string {
	if r := dd.Ratio(); r == r {
		return nb.Decimal(r, 3)
	}
	return ""
}

// runEnergyAlerts lists the alerts.
func runEnergyAlerts(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("energy alerts", "[--state ny,under_arbeid] [--building ID] [--db DB]")
	addDBFlag(fs, &c)
	states := fs.String("state", "", "bare varsler med disse tilstandene, kommaseparert")
	building := fs.String("building", "", "bare varsler for dette bygget")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var f virk.AlertFilter
	if *building != "" {
		f.BuildingIDs = []string{*building}
	}
	for _, s := range strings.Split(*states, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		state, err := virk.ParseAlertState(s)
		if err != nil {
			return usagef("%v", err)
		}
		f.States = append(f.States, state)
	}
	st, err := openStore(ctx, c.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	as, err := st.FindAlerts(ctx, f)
	if err != nil {
		return err
	}
	if len(as) == 0 {
		_, err := fmt.Fprintln(m.Stdout, "Ingen avviksvarsler.")
		return err
	}
	t := &textTable{header: []string{"Nr.", "Bygg", "Måler", "Avvik", "Fra", "Til", "Merforbruk kWh", "kr", "Tilstand", "Detaljer"},
		right: []bool{true, false, false, false, false, false, true, true}}
	for _, a := range as {
		end := "pågår"
		if !a.Open() {
			end = a.End.String()
		}
		t.add(strconv.FormatInt(a.ID, 10), a.BuildingID, a.MeterID, string(a.Kind), a.Start.String(), end,
			nb.Number(a.ExcessKWh, 0), nb.Number(a.ExcessNOK, 0), string(a.State), a.Detail)
	}
	return t.write(m.Stdout)
}

// runEnergyAlert sets an alert's state and comment.
func runEnergyAlert(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("energy alert", "[--state ny|under_arbeid|løst|kommentert] [--comment TEKST] [--db DB] NR")
	addDBFlag(fs, &c)
	state := fs.String("state", "", "ny tilstand")
	comment := fs.String("comment", "", "kommentar")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("oppgi nummeret på varselet")
	}
	id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
	if err != nil {
		return usagef("varselnummeret %q er ikke et tall", fs.Arg(0))
	}
	var upd virk.AlertUpdate
	upd.User = c.User
	if *state != "" {
		s, err := virk.ParseAlertState(*state)
		if err != nil {
			return usagef("%v", err)
		}
		upd.State = &s
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if set["comment"] {
		upd.Comment = comment
	}
	if upd.State == nil && upd.Comment == nil {
		return usagef("oppgi --state eller --comment")
	}
	st, err := openStore(ctx, c.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := st.UpdateAlert(ctx, id, upd)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Varsel %d (%s, %s): %s\n", a.ID, a.BuildingID, a.Kind, a.State)
	return writeAudit(ctx, st, c, virk.AlertEvent(a))
}
