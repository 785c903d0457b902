package report_test

import (
	"context"
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/virk-analyse/virk/demo"
	"github.com/virk-analyse/virk/report"
)

// FuzzChapter builds a report from one fuzzed chapter against a small
// catalogue in memory: whatever the Markdown, blocks and inline values
// hold, Build returns a document or placed errors, and never panics. The
// corpus is the cases below, the demo reports' chapters and
// testdata/fuzz/FuzzChapter.
func FuzzChapter(f *testing.F) {
	for _, s := range []string{
		"# K\n\n{{verdi sykefravaer baerum 2018}} {{endring sykefravaer baerum}} {{trend sykefravaer baerum}} {{mål sykefravaer baerum}} {{målnivå sykefravaer baerum}}\n",
		"# K\n\n```virk kpi-table\ntitle: T\nindicators: sykefravaer\nfrom: 2014\n```\n",
		"# K\n\n```virk series-table\ntitle: T\nindicator: arsverk\nchildren: baerum\nsum: ja\nchange-column: ja\nchange-rows: all\nshare: a=sykefravaer\nindent: a\nfrom: 2017\nto: 2018\n```\n",
		"# K\n\n```virk entity-table\ntitle: T\nindicators: arsverk, sykefravaer\nentities: a, b\nsum: baerum\nyears: 2017, 2018\n```\n",
		"# K\n\n```virk peer-table\ntitle: T\nindicators: sykefravaer\nentities: baerum, a\n```\n",
		"# K\n\n```virk chart\ntitle: T\ntype: peer-index\nindicators: arsverk\nentities: a, b\n```\n",
		"# K\n\n```virk chart\ntitle: T\ntype: bar\nindicator: arsverk\nentities: a, b\nyear: 2018\n```\n",
		"# K\n\n```virk chart\ntitle: T\nindicators: sykefravaer\nfrom: 2014\n  \nlabel.sykefravaer: S\n```\n",
		"# K {#k}\n\n| a | {{verdi arsverk a 2017}} |\n|---|---|\n| {{ | }} |\n\n`{{verdi x y}}`\n",
		"{{}}\n# {{verdi sykefravaer baerum}}\n## {{\n",
		"```virk\n```\n```virk chart x\n  title: T\n:\n",
		"# K\n\n{{verdi sykefravaer baerum 2018H2}} {{endring sykefravaer baerum 2018M07}} {{mål sykefravaer baerum 2018K2}}\n\n```virk entity-table\ntitle: T\nindicators: sykefravaer\nchildren: baerum\nsum: ja\nperiods: 2017H2, 2018H2\nchange-column: ja\ntarget: ja\n```\n",
		"# K\n\n```virk chart\ntitle: T\nindicators: sykefravaer\nfrom: 2018M01\n```\n```virk chart\ntitle: T\ntype: bar\nindicator: arsverk\nentities: a, b\nperiod: 2018H2\n```\n```virk kpi-table\ntitle: T\nindicators: sykefravaer\nto: 2018W05\n```\n",
	} {
		f.Add(s)
	}
	// The demo reports' chapters, whose blocks name a bigger catalogue.
	for _, demoFS := range []fs.FS{demo.Report(), demo.SickLeaveReport()} {
		names, _ := fs.Glob(demoFS, "*.md")
		for _, name := range names {
			b, err := fs.ReadFile(demoFS, name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(string(b))
		}
	}
	r := smallStore(f)
	f.Fuzz(func(t *testing.T, chapter string) {
		fsys := fstest.MapFS{
			"rapport.json":   {Data: []byte(okMeta)},
			"01-kapittel.md": {Data: []byte(chapter)},
		}
		doc, err := report.Build(context.Background(), fsys, r)
		if err != nil {
			var es report.Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("err = %v, want report.Errors", err)
			}
			return
		}
		if len(doc.Chapters) != 1 || doc.Chapters[0].ID == "" {
			t.Fatalf("a built document without its chapter: %+v", doc.Chapters)
		}
	})
}

// FuzzMeta decodes fuzzed rapport.json files: placed errors or a document,
// never a panic.
func FuzzMeta(f *testing.F) {
	for _, s := range []string{okMeta, `{"title": "T", "year": 99999}`, `{"title": 1}`, `[]`, `{"title": "T"} {}`, `{"title": "T", "published": "2019-13-01"}`, "\xff"} {
		f.Add(s)
	}
	r := smallStore(f)
	f.Fuzz(func(t *testing.T, meta string) {
		fsys := fstest.MapFS{
			"rapport.json":   {Data: []byte(meta)},
			"01-kapittel.md": {Data: []byte("# K\n")},
		}
		if _, err := report.Build(context.Background(), fsys, r); err != nil {
			var es report.Errors
			if !errors.As(err, &es) {
				t.Fatalf("err = %v, want report.Errors", err)
			}
		}
	})
}
