package demo

import (
	"embed"
	"io/fs"
)

//go:embed prognose
var prognosisFiles embed.FS

// Prognosis returns the files of the demo's workforce projection (KS'
// prognosis model): a made-up population projection for Bærum 2018–2040
// in the CSV form of SSB table 14288 (befolkning.csv, not SSB data) and
// the model for three service areas (modell.json), as README.md there
// describes.
func Prognosis() fs.FS {
	sub, err := fs.Sub(prognosisFiles, "prognose")
	if err != nil { // "prognose" is a valid path, so Sub cannot fail
		panic(err)
	}
	return sub
}
