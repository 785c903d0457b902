package sqlstore

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"github.com/virk-analyse/virk"
)

// FindProjects returns the matching projects ordered by ID.
func (db *DB) FindProjects(ctx context.Context, filter virk.ProjectFilter) ([]*virk.Project, error) {
	return findProjects(ctx, db, filter)
}

func findProjects(ctx context.Context, q queryer, filter virk.ProjectFilter) ([]*virk.Project, error) {
	var w where
	w.in("entity_id", filter.IDs)
	var out []*virk.Project
	byID := map[string]*virk.Project{}
	var p virk.Project
	var kind, phase string
	var start, planned, expected int
	err := queryEach(ctx, q, `SELECT entity_id, kind, phase, start, planned_end, expected_end, priority, criticality, gain_potential, note
		FROM project`+w.String()+` ORDER BY entity_id`, w.args,
		[]any{&p.ID, &kind, &phase, &start, &planned, &expected, &p.Priority, &p.Criticality, &p.GainPotential, &p.Note},
		func() error {
			v := p
			v.Kind, v.Phase = virk.ProjectKind(kind), virk.Phase(phase)
			v.Start, v.PlannedEnd, v.ExpectedEnd = dateOf(start), dateOf(planned), dateOf(expected)
			out = append(out, &v)
			byID[v.ID] = &v
			return nil
		})
	if err != nil || len(out) == 0 {
		return out, err
	}
	var pw where
	pw.in("project_id", filter.IDs)
	var project, other string
	var pos int
	if err := queryEach(ctx, q, `SELECT project_id, pos, depends_on FROM project_dependency`+pw.String()+` ORDER BY project_id, pos`, pw.args,
		[]any{&project, &pos, &other}, func() error {
			if p := byID[project]; p != nil {
				p.DependsOn = append(p.DependsOn, other)
			}
			return nil
		}); err != nil {
		return nil, err
	}
	err = queryEach(ctx, q, `SELECT project_id, pos, entity_id FROM project_beneficiary`+pw.String()+` ORDER BY project_id, pos`, pw.args,
		[]any{&project, &pos, &other}, func() error {
			if p := byID[project]; p != nil {
				p.Beneficiaries = append(p.Beneficiaries, other)
			}
			return nil
		})
	return out, err
}

// FindBenefits returns the matching benefits ordered by project and ID.
func (db *DB) FindBenefits(ctx context.Context, filter virk.BenefitFilter) ([]*virk.Benefit, error) {
	return findBenefits(ctx, db, filter)
}

func findBenefits(ctx context.Context, q queryer, filter virk.BenefitFilter) ([]*virk.Benefit, error) {
	var w where
	w.in("project_id", filter.ProjectIDs)
	w.in("entity_id", filter.EntityIDs)
	return scanBenefits(ctx, q, w, " ORDER BY project_id, id")
}

func scanBenefits(ctx context.Context, q queryer, w where, order string) ([]*virk.Benefit, error) {
	var out []*virk.Benefit
	var b virk.Benefit
	var ind sql.NullString
	var due int
	err := queryEach(ctx, q, `SELECT id, project_id, entity_id, indicator_id, baseline, baseline_year, target, due, text FROM benefit`+w.String()+order, w.args,
		[]any{&b.ID, &b.ProjectID, &b.EntityID, &ind, &b.Baseline, &b.BaselineYear, &b.Target, &due, &b.Text},
		func() error {
			v := b
			v.IndicatorID, v.Due = ind.String, dateOf(due)
			out = append(out, &v)
			return nil
		})
	return out, err
}

// dateOf reads a date stored as yyyymmdd; 0 is the zero date.
func dateOf(k int) virk.Date {
	if k == 0 {
		return virk.Date{}
	}
	return dayOf(k)
}

// dateKey stores a date as yyyymmdd; the zero date is 0.
func dateKey(d virk.Date) int {
	if d.IsZero() {
		return 0
	}
	return dayKey(d)
}

// portfolio is the stored register an Apply checks the change set's
// against: the projects and what each depends on.
type portfolio struct {
	deps map[string][]string // stored project → the projects it depends on
}

func loadPortfolio(ctx context.Context, q queryer) (*portfolio, error) {
	pf := &portfolio{deps: map[string][]string{}}
	var id string
	if err := queryEach(ctx, q, `SELECT entity_id FROM project`, nil, []any{&id},
		func() error { pf.deps[id] = nil; return nil }); err != nil {
		return nil, err
	}
	var other string
	err := queryEach(ctx, q, `SELECT project_id, depends_on FROM project_dependency ORDER BY project_id, pos`, nil, []any{&id, &other},
		func() error { pf.deps[id] = append(pf.deps[id], other); return nil })
	return pf, err
}

// validatePortfolio checks the change set's projects and benefits: each
// project's entity is of kind project, what it depends on is a project,
// stored or in the change set, and the dependencies have no cycle; each
// benefit's project, unit and indicator exist.
func (a *applier) validatePortfolio(p *problems) {
	deps := map[string][]string{}
	for id, d := range a.pf.deps {
		deps[id] = d
	}
	first := map[string]int{}
	for n, pr := range a.cs.Projects {
		if pr == nil {
			p.addf("prosjekt %d er tomt", n+1)
			continue
		}
		if err := pr.Validate(); err != nil {
			p.addf("%s", message(err))
			continue
		}
		if k, ok := first[pr.ID]; ok {
			if !sameProject(pr, a.cs.Projects[k]) {
				p.addf("prosjekt «%s» står to ganger med ulikt innhold", pr.ID)
			}
			continue
		}
		first[pr.ID] = n
		switch i := a.ents.lookup(pr.ID); {
		case i < 0:
			p.addf("prosjekt «%s»: finnes ikke som enhet; legg det inn som enhet av typen project under eierenheten", pr.ID)
		case a.ents.items[i].Kind != virk.KindProject:
			p.addf("prosjekt «%s»: enheten er av typen %s, ikke project", pr.ID, a.ents.items[i].Kind)
		case a.ents.items[i].ParentID == "":
			p.addf("prosjekt «%s»: mangler eierenhet (overordnet enhet)", pr.ID)
		}
		for _, u := range pr.Beneficiaries {
			if a.ents.lookup(u) < 0 {
				p.addf("prosjekt «%s»: ukjent enhet «%s» blant enhetene som får gevinster", pr.ID, u)
			}
		}
		deps[pr.ID] = pr.DependsOn
	}
	for _, pr := range a.cs.Projects {
		if pr == nil || first[pr.ID] < 0 {
			continue
		}
		for _, d := range pr.DependsOn {
			if _, ok := deps[d]; !ok {
				p.addf("prosjekt «%s»: avhenger av «%s», som ikke er et prosjekt", pr.ID, d)
			}
		}
	}
	if cycle := dependencyCycle(deps); cycle != nil {
		p.addf("prosjektenes avhengigheter går i ring: %s", strings.Join(cycle, " → "))
	}
	seen := map[string]int{}
	for n, b := range a.cs.Benefits {
		if b == nil {
			p.addf("gevinst %d er tom", n+1)
			continue
		}
		if err := b.Validate(); err != nil {
			p.addf("%s", message(err))
			continue
		}
		if k, ok := seen[b.ID]; ok {
			if !sameBenefit(b, a.cs.Benefits[k]) {
				p.addf("gevinst «%s» står to ganger med ulikt innhold", b.ID)
			}
			continue
		}
		seen[b.ID] = n
		if _, ok := deps[b.ProjectID]; !ok {
			p.addf("gevinst «%s»: ukjent prosjekt «%s»", b.ID, b.ProjectID)
		}
		if a.ents.lookup(b.EntityID) < 0 {
			p.addf("gevinst «%s»: ukjent enhet «%s»", b.ID, b.EntityID)
		}
		if !b.Qualitative() && a.inds.lookup(b.IndicatorID) < 0 {
			p.addf("gevinst «%s»: ukjent indikator «%s»", b.ID, b.IndicatorID)
		}
	}
}

// dependencyCycle returns the first cycle among the dependencies, in ID
// order, as the path from its smallest member back to it; nil when there
// is none.
func dependencyCycle(deps map[string][]string) []string {
	ids := make([]string, 0, len(deps))
	for id := range deps {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	const (
		unseen = iota
		open
		done
	)
	state := map[string]int{}
	var stack []string
	var found []string
	var visit func(id string) bool
	visit = func(id string) bool {
		state[id] = open
		stack = append(stack, id)
		next := slices.Clone(deps[id])
		slices.Sort(next)
		for _, d := range next {
			switch state[d] {
			case open:
				i := slices.Index(stack, d)
				found = append(slices.Clone(stack[i:]), d)
				return true
			case unseen:
				if _, ok := deps[d]; ok && visit(d) {
					return true
				}
			}
		}
		stack = stack[:len(stack)-1]
		state[id] = done
		return false
	}
	for _, id := range ids {
		if state[id] == unseen && visit(id) {
			return found
		}
	}
	return nil
}

func sameProject(a, b *virk.Project) bool {
	return a.ID == b.ID && a.Kind == b.Kind && a.Phase == b.Phase && a.Start == b.Start &&
		a.PlannedEnd == b.PlannedEnd && a.ExpectedEnd == b.ExpectedEnd && a.Priority == b.Priority &&
		a.Criticality == b.Criticality && a.GainPotential == b.GainPotential && a.Note == b.Note &&
		slices.Equal(a.DependsOn, b.DependsOn) && slices.Equal(a.Beneficiaries, b.Beneficiaries)
}

func sameBenefit(a, b *virk.Benefit) bool { return *a == *b }

// writePortfolio stores the change set's projects, then their lists, then
// the benefits, and counts what it does; a dry run only counts. Every read
// is of a record the change set holds once, so none depends on an earlier
// write and the counts are the same either way.
func (a *applier) writePortfolio(ctx context.Context, sum *virk.Summary) error {
	var written []*virk.Project
	done := map[string]bool{}
	for _, p := range a.cs.Projects {
		if done[p.ID] {
			continue
		}
		done[p.ID] = true
		old, err := findProjects(ctx, a.tx, virk.ProjectFilter{IDs: []string{p.ID}})
		switch {
		case err != nil:
			return err
		case len(old) == 0:
			sum.Projects.Added++
		case sameProject(old[0], p):
			sum.Projects.Unchanged++
			continue
		default:
			sum.Projects.Changed++
		}
		if a.dry() {
			continue
		}
		if _, err := a.tx.exec(ctx, `INSERT INTO project (entity_id, kind, phase, start, planned_end, expected_end, priority, criticality, gain_potential, note, batch_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (entity_id) DO UPDATE SET kind = excluded.kind, phase = excluded.phase, start = excluded.start,
				planned_end = excluded.planned_end, expected_end = excluded.expected_end, priority = excluded.priority,
				criticality = excluded.criticality, gain_potential = excluded.gain_potential, note = excluded.note,
				batch_id = excluded.batch_id`,
			p.ID, string(p.Kind), string(p.Phase), dateKey(p.Start), dateKey(p.PlannedEnd), dateKey(p.ExpectedEnd),
			p.Priority, p.Criticality, p.GainPotential, p.Note, a.batchID); err != nil {
			return err
		}
		written = append(written, p)
	}
	// The lists refer to projects, so they go in once every project is.
	for _, p := range written {
		for _, table := range []string{"project_dependency", "project_beneficiary"} {
			if _, err := a.tx.exec(ctx, `DELETE FROM `+table+` WHERE project_id = ?`, p.ID); err != nil {
				return err
			}
		}
		for i, d := range p.DependsOn {
			if _, err := a.tx.exec(ctx, `INSERT INTO project_dependency (project_id, pos, depends_on) VALUES (?, ?, ?)`, p.ID, i, d); err != nil {
				return err
			}
		}
		for i, u := range p.Beneficiaries {
			if _, err := a.tx.exec(ctx, `INSERT INTO project_beneficiary (project_id, pos, entity_id) VALUES (?, ?, ?)`, p.ID, i, u); err != nil {
				return err
			}
		}
	}
	done = map[string]bool{}
	for _, b := range a.cs.Benefits {
		if done[b.ID] {
			continue
		}
		done[b.ID] = true
		var w where
		w.add("id = ?", b.ID)
		old, err := scanBenefits(ctx, a.tx, w, "")
		switch {
		case err != nil:
			return err
		case len(old) == 0:
			sum.Benefits.Added++
		case sameBenefit(old[0], b):
			sum.Benefits.Unchanged++
			continue
		default:
			sum.Benefits.Changed++
		}
		if a.dry() {
			continue
		}
		if _, err := a.tx.exec(ctx, `INSERT INTO benefit (id, project_id, entity_id, indicator_id, baseline, baseline_year, target, due, text, batch_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET project_id = excluded.project_id, entity_id = excluded.entity_id,
				indicator_id = excluded.indicator_id, baseline = excluded.baseline, baseline_year = excluded.baseline_year,
				target = excluded.target, due = excluded.due, text = excluded.text, batch_id = excluded.batch_id`,
			b.ID, b.ProjectID, b.EntityID, nullString(b.IndicatorID), b.Baseline, b.BaselineYear, b.Target,
			dateKey(b.Due), b.Text, a.batchID); err != nil {
			return err
		}
	}
	return nil
}
