package ingest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/virk-analyse/virk"
)

// FuzzPX imports arbitrary PC-Axis files, with the defaults and with an
// entity for every cell: the importer must not panic, and must return
// either faults or observations that fit its catalogue (checkJSONStat).
func FuzzPX(f *testing.F) {
	for _, rel := range []string{"pcaxis-serializers/MultipleContentSmall.px", "pcaxis-serializers/BE0101A1.px",
		"pxweb-example/BE0101F1datasymbols.px", "pcaxis-serializers/HalfYearStatistics.px"} {
		if data, err := os.ReadFile(filepath.Join(pxDir, rel)); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, m := range []*JSONStatMapping{nil, {EntityID: "norge"}} {
			cat := NewCatalogue(nil, []*virk.Entity{{ID: "norge", Name: "Norge", Kind: virk.KindGroup}})
			obs, inds, ents, _, err := PX("f.px", data, cat, m)
			checkJSONStat(t, cat, obs, inds, ents, err)
		}
	})
}
