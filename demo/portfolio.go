package demo

import (
	"embed"
	"io/fs"
)

//go:embed portefolje
var portfolioFiles embed.FS

// Portfolio returns the files of the demo's project portfolio: the
// project register (prosjekter.csv: the seed's building and digitalisation
// projects, with made-up budgets, forecasts and dates beyond those the
// seed gives) and the benefit register (gevinster.csv), as README.md
// there describes.
func Portfolio() fs.FS {
	sub, err := fs.Sub(portfolioFiles, "portefolje")
	if err != nil { // "portefolje" is a valid path, so Sub cannot fail
		panic(err)
	}
	return sub
}
