// Package demo embeds the demo dataset: every table of Bærum kommune's
// Virksomhetsanalyse 2020–2023 (area Organisasjon, styring og utvikling)
// transcribed into virk's own import files, with the indicator catalogue,
// the organisation tree and the annotations the document explains. See
// README.md for the file list and what could not be transcribed.
package demo

import (
	"embed"
	"io/fs"
	"path"
	"slices"
)

//go:embed catalogue.json data/*.csv
var files embed.FS

//go:embed report
var reportFiles embed.FS

//go:embed energi
var energyFiles embed.FS

// File is one embedded import file.
type File struct {
	Name string // e.g. "demo/data/2-2-2-arsverk.csv"
	Data []byte
}

// Files returns the demo's import files, the catalogue first.
func Files() ([]File, error) {
	out := []File{}
	names := []string{"catalogue.json"}
	data, err := fs.Glob(files, "data/*.csv")
	if err != nil {
		return nil, err
	}
	slices.Sort(data)
	for _, name := range append(names, data...) {
		b, err := files.ReadFile(name)
		if err != nil {
			return nil, err
		}
		out = append(out, File{Name: path.Join("demo", name), Data: b})
	}
	return out, nil
}

// Report returns the demo report: the seed document rebuilt as a report
// folder for package report (rapport.json and one Markdown file per
// chapter), whose tables, charts and figures in the text come from the
// demo data.
func Report() fs.FS {
	sub, err := fs.Sub(reportFiles, "report")
	if err != nil { // "report" is a valid path, so Sub cannot fail
		panic(err)
	}
	return sub
}

// Energy returns the files of the demo's energy follow-up: the building
// and meter registers (bygg.csv, malere.csv) and MET Norway's Blindern
// temperatures and normals, from which package demo/energydemo builds the
// meter readings.
func Energy() fs.FS {
	sub, err := fs.Sub(energyFiles, "energi")
	if err != nil { // "energi" is a valid path, so Sub cannot fail
		panic(err)
	}
	return sub
}
