package ingest

import (
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
)

// checkCatalogues checks the references of the catalogue records of the
// import, now that every catalogue file is in: parents, deflators and the
// entities of targets and annotations must be known. It returns the
// annotations with their entities resolved, without repeats.
func (im *Importer) checkCatalogues(c *collector) []*virk.Annotation {
	cat := im.Catalogue
	var anns []*virk.Annotation
	for _, ca := range im.cats {
		fail := func(at recordPlace, field string, err error) {
			e := at.error(err)
			e.File, e.Path = ca.name, join(at.path, field)
			c.fail(e)
		}
		// A deflator and a target's entity may come from any catalogue
		// file of the import or from the stored catalogue.
		for i, ind := range ca.cf.Indicators {
			at := ca.cf.indAt[i]
			if ind.Deflator != "" && cat.Indicator(ind.Deflator) == nil {
				fail(at, "deflator", errorf(ErrUnknownIndicator,
					"prisindeksen %s finnes ikke i katalogen", quote(ind.Deflator)))
			}
			for j := range ind.Targets {
				t := &ind.Targets[j]
				if t.EntityID == "" {
					continue
				}
				if e, err := cat.resolveEntity(t.EntityID, t.Year); err != nil {
					fail(at, "targets["+strconv.Itoa(j)+"].entity", err)
				} else {
					t.EntityID = e.ent.ID
				}
			}
		}
		for i, ent := range ca.cf.Entities {
			at := ca.cf.entAt[i]
			if ent.ParentID == "" {
				continue
			}
			// Parents are named by ID only: a municipality number
			// names a municipality, never a unit above another.
			if cat.Entity(ent.ParentID) == nil {
				fail(at, "parent", errorf(ErrUnknownEntity,
					"den overordnede enheten %s finnes ikke i katalogen", quote(ent.ParentID)))
			} else if cycle := parentCycle(cat, ent); cycle != "" {
				fail(at, "parent", errorf(ErrInvalid, "enheten ligger under seg selv: %s", cycle))
			}
		}
		for i, a := range ca.cf.Annotations {
			at := ca.cf.annAt[i]
			ok := true
			if _, err := cat.resolveIndicator(a.IndicatorID); err != nil {
				fail(at, "indicator", err)
				ok = false
			}
			if a.EntityID != "" {
				if e, err := cat.resolveEntity(a.EntityID, a.Period.Year); err != nil {
					fail(at, "entity", err)
					ok = false
				} else {
					a.EntityID = e.ent.ID
				}
			}
			// The same note in two files, or the same file added
			// twice, is one annotation.
			if ok && !containsAnnotation(anns, a) {
				anns = append(anns, a)
			}
		}
	}
	return anns
}

// parentCycle returns the chain "a → b → a" when ent is its own ancestor.
func parentCycle(cat *Catalogue, ent *virk.Entity) string {
	chain := []string{ent.ID}
	for p := cat.Entity(ent.ParentID); p != nil && len(chain) <= len(cat.ents); p = cat.Entity(p.ParentID) {
		chain = append(chain, p.ID)
		if p.ID == ent.ID {
			return strings.Join(chain, " → ")
		}
	}
	return ""
}

func containsAnnotation(list []*virk.Annotation, a *virk.Annotation) bool {
	for _, b := range list {
		if a.SameAs(b) {
			return true
		}
	}
	return false
}
