package jsonstat

import (
	"strings"
)

// This file holds the cross-reference checks: rules that relate one part
// of a document to another (label keys to category ids, roles to
// dimension ids, the child hierarchy to itself).

// reportIncompleteLabels warns that category.label misses some ids.
//
// The caller does not report it together with LABEL_KEY_UNKNOWN: a label
// under a wrong key ("X" instead of "F") is one mistake, and a second
// finding about "F" missing its label would only repeat it. Nor is it
// reported when the dimension has no labels at all, which JSON-stat
// explicitly allows (ids then serve as labels).
func (p *parser) reportIncompleteLabels(path string, ids []string, labels map[string]string) {
	var missing []string
	for _, id := range ids {
		if _, ok := labels[id]; !ok {
			missing = append(missing, id)
		}
	}
	p.report(CodeLabelKeyIncomplete, path, "category.label has no label for %d of %d categories (%s); they will be shown by id", len(missing), len(ids), quoteList(missing, 5))
}

// parseChild decodes category.child (parent id → child ids), checks that
// every id is a category of the dimension and that the hierarchy has no
// cycle.
func (p *parser) parseChild(raw []byte, path string, known map[string]int, check bool) map[string][]string {
	if raw == nil || !p.object(raw, path) {
		return nil
	}
	out := make(map[string][]string)
	var parents []string // document order, so cycle reports are deterministic
	p.eachMember(raw, func(k, v []byte) bool {
		parent := unescapeKey(k)
		ppath := joinKey(path, parent)
		if _, dup := out[parent]; dup {
			p.structural(ppath, "duplicate entry for parent %q in category.child", parent)
			return true
		}
		if check {
			if _, ok := known[parent]; !ok {
				p.report(CodeChildIDUnknown, ppath, "category.child has an entry for parent %q, which is not a category id of this dimension", parent)
			}
		}
		kids, ok := p.strArray(v, ppath, true)
		if !ok {
			return true
		}
		if check {
			for i, kid := range kids {
				if _, ok := known[kid]; !ok {
					p.report(CodeChildIDUnknown, joinIndex(ppath, i), "category.child lists %q as a child of %q, but %q is not a category id of this dimension", kid, parent, kid)
				}
			}
		}
		out[parent] = kids
		parents = append(parents, parent)
		return true
	})
	for _, cycle := range findCycles(parents, out) {
		p.report(CodeChildCycle, joinKey(path, cycle[0]), "category.child forms a cycle (%s); a hierarchy must be a tree", strings.Join(cycle, " → "))
	}
	return out
}

// findCycles returns the cycles of the parent → children graph, each as
// the list of ids along it with the first id repeated at the end. It uses
// an iterative depth-first search so that a long hierarchy (a chain of
// thousands of categories) cannot overflow the stack.
func findCycles(roots []string, child map[string][]string) [][]string {
	const (
		white = iota
		grey
		black
	)
	color := make(map[string]int, len(child))
	type frame struct {
		id   string
		next int // index of the next child to visit
	}
	var cycles [][]string
	var stack []frame
	for _, root := range roots {
		if color[root] != white {
			continue
		}
		color[root] = grey
		stack = append(stack[:0], frame{id: root})
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			kids := child[top.id]
			if top.next >= len(kids) {
				color[top.id] = black
				stack = stack[:len(stack)-1]
				continue
			}
			kid := kids[top.next]
			top.next++
			switch color[kid] {
			case white:
				color[kid] = grey
				stack = append(stack, frame{id: kid})
			case grey:
				// Back edge: the cycle runs from kid's frame to the top.
				var cyc []string
				start := len(stack) - 1
				for start > 0 && stack[start].id != kid {
					start--
				}
				for _, f := range stack[start:] {
					cyc = append(cyc, f.id)
				}
				cycles = append(cycles, append(cyc, kid))
			}
		}
	}
	return cycles
}

// parseRole decodes "role" and checks that it names existing dimensions.
func (p *parser) parseRole(raw []byte, path string, ids []string, idsOK bool) Role {
	var r Role
	if !p.object(raw, path) {
		return r
	}
	known := make(map[string]bool, len(ids))
	for _, id := range ids {
		known[id] = true
	}
	for _, f := range p.fields(raw, path) {
		fpath := joinKey(path, f.key)
		var dst *[]string
		switch f.key {
		case "time":
			dst = &r.Time
		case "geo":
			dst = &r.Geo
		case "metric":
			dst = &r.Metric
		default:
			p.structural(fpath, "%q is not a JSON-stat role; expected time, geo or metric", f.key)
			continue
		}
		list, ok := p.strArray(f.raw, fpath, true)
		if !ok {
			continue
		}
		*dst = list
		if !idsOK {
			continue
		}
		for i, id := range list {
			if !known[id] {
				p.report(CodeRoleIDUnknown, joinIndex(fpath, i), "role.%s lists %q, which is not a dimension id (expected one of %s)", f.key, id, quoteList(ids, 8))
			}
		}
	}
	return r
}

// checkMetricUnits warns about metric dimensions without units: a metric
// dimension's categories are different measures, and without units an
// importer cannot tell kroner from percent or know how many decimals to
// show.
func (p *parser) checkMetricUnits(d *Dataset, dpath string) {
	for _, id := range d.Role.Metric {
		dim := d.Dimension(id)
		if dim == nil || len(dim.Category.Unit) > 0 {
			continue
		}
		p.report(CodeMetricUnitMissing, joinKey(joinKey(joinKey(dpath, id), "category"), "unit"),
			"metric dimension %q has no category.unit; metric dimensions should give the unit (and decimals) of each category", id)
	}
}
