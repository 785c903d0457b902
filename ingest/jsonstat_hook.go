package ingest

import "github.com/virk-analyse/virk"

// JSONStat is the JSON-stat reader the command line plugs into Importer.
// Until the mapping of dimensions to indicator, entity and period lands,
// it refuses JSON-stat files with a clear message.
func JSONStat(name string, data []byte, cat *Catalogue) ([]virk.Observation, []*virk.Indicator, []*virk.Entity, error) {
	return nil, nil, nil, virk.Errorf(virk.EINVALID, "%s: JSON-stat-import er ikke ferdig ennå (JSON-stat import is not finished yet)", name)
}
