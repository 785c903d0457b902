package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/nb"
	"github.com/virk-analyse/virk/workforce/prognosis"
)

// runWorkforceProject projects the workforce each service area will need
// (KS' prognosis model) from a population projection and a model file,
// and prints the assumptions and the figures. With --save it stores the
// figures as indicators of the areas' entities, with the assumptions as
// comments on them, so that the scorecard and reports show them as any
// other figure.
func runWorkforceProject(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("workforce project", "--population BEFOLKNING.json|csv [--region K-3024] [--alternative MMMM] [--save [--dry-run]] [--db DB] MODELL.json")
	addDBFlag(fs, &c)
	popFile := fs.String("population", "", "befolkningsframskrivingen: SSB-tabell 14288 som JSON-stat, eller CSV med alder;år;personer")
	region := fs.String("region", "", "regionen i JSON-stat-filen, med kode (K-3024, 3024) eller navn; trengs når filen har flere")
	alternative := fs.String("alternative", "", "framskrivingsalternativet i JSON-stat-filen (ContentsCode), med kode eller navn; standard hovedalternativet (MMMM)")
	save := fs.Bool("save", false, "lagre tallene som indikatorer for områdenes enheter")
	dryRun := fs.Bool("dry-run", false, "med --save: vis hva som ville blitt lagret, uten å lagre noe")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("oppgi én modellfil (JSON)")
	}
	if *popFile == "" {
		return usagef("oppgi befolkningsframskrivingen med --population (SSB-tabell 14288 som JSON-stat, eller CSV med alder;år;personer)")
	}
	if *dryRun && !*save {
		return usagef("--dry-run gjelder bare sammen med --save; uten --save lagres ingenting")
	}
	files, hashes, err := readFiles([]string{*popFile, fs.Arg(0)})
	if err != nil {
		return err
	}
	pr := prognosis.NewPopulationReader(bytes.NewReader(files[0].data))
	pr.File, pr.Region, pr.Contents = files[0].name, *region, *alternative
	pop, err := pr.Read()
	if err != nil {
		return projectError(err, choiceHint(err, *region, *alternative))
	}
	cr := prognosis.NewConfigReader(bytes.NewReader(files[1].data))
	cr.File = files[1].name
	model, err := cr.Read()
	if err != nil {
		return projectError(err, "")
	}
	res, err := prognosis.Project(model, pop)
	if err != nil {
		return projectError(err, "")
	}
	if !*save {
		return writeProjection(m.Stdout, res)
	}
	st, err := m.openWriter(ctx, c.DB, !*dryRun, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	ents, _, err := st.FindEntities(ctx, virk.EntityFilter{})
	if err != nil {
		return err
	}
	cat := virk.NewCatalogue(nil, ents)
	unit := func(id string) bool { e := cat.Entity(id); return e != nil && e.Kind != virk.KindGroup }
	cs, err := prognosis.ChangeSet(res, unit, hashes)
	if err != nil {
		return projectError(err, "")
	}
	if err := writeProjection(m.Stdout, res); err != nil {
		return err
	}
	ar, err := st.Apply(ctx, cs, virk.ApplyOptions{DryRun: *dryRun, User: c.User, MaxChanges: 20})
	if err != nil {
		return importError(err)
	}
	areas := "områder"
	if len(res.Areas) == 1 {
		areas = "område"
	}
	fmt.Fprintf(m.Stdout, "\n%s tall for %d %s, %d–%d, som indikatorene %s.\n\n",
		nb.Number(float64(len(cs.Observations)), 0), len(res.Areas), areas, res.BaseYear, res.EndYear, indicatorIDs(cs.Indicators))
	if err := writeImportResult(m.Stdout, ar, *dryRun); err != nil {
		return err
	}
	return writeAudit(ctx, st, c, *virk.ImportEvent(strings.Join([]string{*popFile, fs.Arg(0)}, ", "), ar, *dryRun))
}

// writeProjection prints the assumptions, one per line, and then the
// figures as a table.
func writeProjection(w io.Writer, res *prognosis.Result) error {
	var b strings.Builder
	b.WriteString("Forutsetninger:\n")
	for _, a := range res.Assumptions {
		b.WriteString("  " + a + "\n")
	}
	b.WriteString("\n")
	cols := prognosis.Columns()
	t := &textTable{header: cols, right: make([]bool, len(cols))}
	for i := 1; i < len(cols); i++ {
		t.right[i] = true
	}
	for _, r := range res.Rows() {
		t.add(r.Cells()...)
	}
	if err := t.write(&b); err != nil {
		return err
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// projectError turns the faults of the prognosis package, each already
// placed at its file, line and column, into a user error, with hint
// after them when there is one.
func projectError(err error, hint string) error {
	var es prognosis.Errors
	if !errors.As(err, &es) {
		return importError(err)
	}
	msg := fmt.Sprintf("ingenting er lagret: %d feil:\n%s", len(es), es.Error())
	if hint != "" {
		msg += "\n" + hint
	}
	return virk.Errorf(virk.EINVALID, "%s", msg)
}

// choiceHint tells which flag chooses the region or the alternative when
// the population reader could not choose one itself. The reader's fault
// already lists the categories the file holds.
func choiceHint(err error, region, alternative string) string {
	var es prognosis.Errors
	if !errors.As(err, &es) {
		return ""
	}
	for _, e := range es {
		if e.Err == nil || !errors.Is(e, prognosis.ErrMissing) || !strings.HasPrefix(e.Path, "dimension.") {
			continue
		}
		switch msg := e.Err.Error(); {
		case strings.HasPrefix(msg, "region:") && region == "":
			return "Velg regionen med --region, for eksempel --region K-3024."
		case strings.HasPrefix(msg, "region:"):
			return "Velg en av regionene filen har med --region."
		case strings.HasPrefix(msg, "statistikkvariabel:"):
			return "Velg framskrivingsalternativet med --alternative, for eksempel --alternative MMMM."
		}
	}
	return ""
}

// indicatorIDs lists the IDs of inds for a message.
func indicatorIDs(inds []*virk.Indicator) string {
	ids := make([]string, len(inds))
	for i, ind := range inds {
		ids[i] = ind.ID
	}
	return strings.Join(ids, ", ")
}
