package report_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/virk-analyse/virk/report"
)

const okMeta = `{"title": "Test", "entity": "baerum", "year": 2018}`

// folder returns a report folder with rapport.json and one chapter.
func folder(meta, chapter string) fstest.MapFS {
	fsys := fstest.MapFS{"01-kapittel.md": {Data: []byte(chapter)}}
	if meta != "" {
		fsys["rapport.json"] = &fstest.MapFile{Data: []byte(meta)}
	}
	return fsys
}

func TestBuild_Errors(t *testing.T) {
	for _, tt := range []struct {
		name    string
		meta    string
		chapter string
		want    []string // each is a line of the error, in order
	}{
		{
			name: "UnknownIndicatorInBlockAndInline",
			chapter: "# Kapittel\n\nFraværet var {{verdi sykefravar baerum 2018}}.\n\n" +
				"```virk kpi-table\ntitle: LDIP\nindicators: sykefravaer, sykefravar\nfrom: 2014\n```\n",
			want: []string{
				"01-kapittel.md:3: ukjent indikator «sykefravar» i {{verdi sykefravar baerum 2018}}; mente du «sykefravaer»?",
				"01-kapittel.md:7: ukjent indikator «sykefravar» i virk kpi-table (nøkkelen «indicators»); mente du «sykefravaer»?",
			},
		},
		{
			name:    "UnknownKind",
			chapter: "# Kapittel\n\n```virk kpi-tabel\ntitle: LDIP\n```\n",
			want:    []string{"01-kapittel.md:3: ukjent blokktype «virk kpi-tabel» (forventet chart, entity-table, kpi-table, peer-table, series-table eller service-profile); mente du «kpi-table»?"},
		},
		{
			name:    "MissingKind",
			chapter: "# Kapittel\n\n```virk\ntitle: LDIP\n```\n",
			want:    []string{"01-kapittel.md:3: blokken «virk» mangler type"},
		},
		{
			name:    "BadKey",
			chapter: "# Kapittel\n\n```virk kpi-table\ntitel: LDIP\nindicators: sykefravaer\n```\n",
			want: []string{
				"01-kapittel.md:3: virk kpi-table mangler nøkkelen «title»",
				"01-kapittel.md:4: ukjent nøkkel «titel» i virk kpi-table (forventet title, entity, indicators, from, to, trend, direction-label, group, note eller label.ID); mente du «title»?",
			},
		},
		{
			name:    "BadPeriod",
			chapter: "# Kapittel\n\n{{verdi sykefravaer baerum 2018Q5}}\n\n```virk series-table\ntitle: T\nindicators: sykefravaer\nfrom: 20144\n```\n",
			want: []string{
				"01-kapittel.md:3: ugyldig periode i {{verdi sykefravaer baerum 2018Q5}}",
				"01-kapittel.md:8: «20144» er ikke et år (forventet et firesifret år, f.eks. 2018, i «from»)",
			},
		},
		{
			name:    "NotKeyValue",
			chapter: "# Kapittel\n\n```virk chart\ntitle: T\nindicators sykefravaer\ntitle: U\n```\n",
			want: []string{
				"01-kapittel.md:3: virk chart mangler rader: «indicators» (med «entity») eller «indicator»",
				"01-kapittel.md:5: linjen «indicators sykefravaer» er ikke på formen «nøkkel: verdi»",
				"01-kapittel.md:6: nøkkelen «title» står to ganger i virk chart (første gang på linje 4)",
			},
		},
		{
			name:    "UnknownEntityAndFunction",
			chapter: "# Kapittel\n\n{{verdi sykefravaer barum}} og {{verdie sykefravaer baerum}}\n",
			want: []string{
				"01-kapittel.md:3: ukjent enhet «barum» i {{verdi sykefravaer barum}}; mente du «baerum»?",
				"01-kapittel.md:3: ukjent funksjon «verdie» i {{verdie sykefravaer baerum}}",
			},
		},
		{
			name:    "UnclosedInline",
			chapter: "# Kapittel\n\nTekst {{verdi sykefravaer baerum\n",
			want:    []string{"01-kapittel.md:3: «{{» uten «}}» på samme linje"},
		},
		{
			name:    "NoValue",
			chapter: "# Kapittel\n\nI 2019 var fraværet {{verdi sykefravaer baerum 2019}}.\n",
			want:    []string{"01-kapittel.md:3: {{verdi sykefravaer baerum 2019}}: ingen verdi i 2019 for sykefravaer, baerum"},
		},
		{
			name:    "NoTarget",
			chapter: "# Kapittel\n\n{{mål arsverk a 2018}}\n",
			want:    []string{"01-kapittel.md:3: indikatoren «arsverk» har ikke noe mål for «a»"},
		},
		{
			name:    "Headings",
			chapter: "Tekst først.\n\n## Avsnitt\n\n# Én\n\n# To\n",
			want:    []string{"01-kapittel.md:7: kapitlet har mer enn én overskrift på nivå 1"},
		},
		{
			name:    "NoHeading",
			chapter: "Bare tekst.\n",
			want:    []string{"01-kapittel.md:1: kapitlet mangler overskrift på nivå 1 («# Tittel»)"},
		},
		{
			name:    "RowsMixed",
			chapter: "# K\n\n```virk series-table\ntitle: T\nindicators: arsverk\nindicator: arsverk\nchildren: baerum\nsum: baerum\nchange-rows: a, c\n```\n",
			want: []string{
				"01-kapittel.md:3: virk series-table: bruk enten «indicators»",
				"01-kapittel.md:8: «sum» gjelder rader av enheter",
				"01-kapittel.md:9: «a» i «change-rows» er ikke en rad i tabellen (forventet arsverk)",
				"01-kapittel.md:9: «c» i «change-rows» er ikke en rad i tabellen (forventet arsverk)",
			},
		},
		{
			name:    "ChartKeys",
			chapter: "# K\n\n```virk chart\ntitle: T\ntype: pie\nindicator: arsverk\nentities: a, b\nyear: 2018\n```\n",
			want: []string{
				"01-kapittel.md:5: «pie» er ugyldig for «type» (forventet line, bar, grouped-bar eller peer-index)",
				"01-kapittel.md:8: «year» gjelder bare type bar (én stolpe per rad) og peer-index; bruk «from» og «to»",
			},
		},
		{
			name:    "ChartNoTarget",
			chapter: "# K\n\n```virk chart\ntitle: T\nindicator: arsverk\nentities: a, b\nfrom: 2017\ntarget: ja\n```\n",
			want:    []string{"01-kapittel.md:3: figuren «T» ber om mål («target: ja»), men «arsverk» har ikke noe mål for «a»"},
		},
		{
			name:    "MetaUnknownKeyAndType",
			meta:    "{\n  \"title\": \"T\",\n  \"titel\": \"U\",\n  \"year\": \"2018\"\n}",
			chapter: "# K\n",
			want: []string{
				"rapport.json:3:3: ukjent nøkkel «titel» (forventet title, subtitle, organisation, entity, year, published, trend_years eller source); mente du «title»?",
				"rapport.json:4:11: «year» må være et heltall, f.eks. 2018",
			},
		},
		{
			name:    "MetaSyntax",
			meta:    "{\n  \"title\": \"T\",\n}",
			chapter: "# K\n",
			want:    []string{"rapport.json:3:1: ugyldig JSON"},
		},
		{
			name:    "MetaMissing",
			meta:    "-",
			chapter: "# K\n",
			want:    []string{"rapport.json: filen mangler"},
		},
		{
			name:    "MetaEntity",
			meta:    `{"title": "T", "entity": "baerm"}`,
			chapter: "# K\n",
			want:    []string{"rapport.json:1: ukjent enhet «baerm»; mente du «baerum»?"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			meta := tt.meta
			switch meta {
			case "":
				meta = okMeta
			case "-":
				meta = ""
			}
			_, err := report.Build(context.Background(), folder(meta, tt.chapter), smallStore(t))
			var es report.Errors
			if !errors.As(err, &es) {
				t.Fatalf("err = %v, want report.Errors", err)
			}
			got := strings.Split(es.Error(), "\n")
			if len(got) != len(tt.want) {
				t.Fatalf("%d errors, want %d:\n%s", len(got), len(tt.want), es.Error())
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("error %d:\n got %s\nwant %s…", i+1, got[i], w)
				}
			}
		})
	}
}

// TestBuild_ErrorsAcrossChapters checks that faults in several chapters
// are all reported, ordered by file and line.
func TestBuild_ErrorsAcrossChapters(t *testing.T) {
	fsys := fstest.MapFS{
		"rapport.json": {Data: []byte(okMeta)},
		"02-b.md":      {Data: []byte("# B\n\n{{trend x baerum}}\n")},
		"01-a.md":      {Data: []byte("# A\n\n\n```virk peer-table\ntitle: P\nindicators: sykefravaer\nentities: baerum, asss\n```\n")},
	}
	_, err := report.Build(context.Background(), fsys, smallStore(t))
	want := "01-a.md:7: ukjent enhet «asss» i virk peer-table (nøkkelen «entities»)\n" +
		"02-b.md:3: ukjent indikator «x» i {{trend x baerum}}; «virk indicators» lister katalogen"
	if err == nil || err.Error() != want {
		t.Fatalf("err =\n%v\nwant\n%s", err, want)
	}
}
