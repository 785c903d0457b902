package demo

import (
	"embed"
	"io/fs"
)

//go:embed report-sykefravaer
var sickLeaveReportFiles embed.FS

// SickLeaveReport returns the template of the half-yearly sick-leave status
// report to the politicians (rapport.json and one Markdown file per
// chapter, for package report): 2. halvår 2018 against the same half-year
// the year before and the 7 % target, short- and long-term and self- and
// doctor-certified sick leave by area, the half-years and months since
// 2017, and a chapter of measures the analyst writes.
func SickLeaveReport() fs.FS {
	sub, err := fs.Sub(sickLeaveReportFiles, "report-sykefravaer")
	if err != nil { // "report-sykefravaer" is a valid path, so Sub cannot fail
		panic(err)
	}
	return sub
}
