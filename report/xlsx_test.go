package report_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/virk-analyse/virk/report"
)

// TestWriteXLSX writes the demo report's tables and reads them back: one
// sheet per table after «Innhold», numbers stored as numbers with the
// indicator's decimals as their format, and merged year headers.
func TestWriteXLSX(t *testing.T) {
	doc := mustBuildDemo(t)
	var buf bytes.Buffer
	if err := doc.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != len(doc.Tables)+1 || sheets[0] != "Innhold" {
		t.Fatalf("sheets %q, want Innhold and %d tables", sheets, len(doc.Tables))
	}
	seen := map[string]bool{}
	for _, s := range sheets {
		if utf8.RuneCountInString(s) > 31 || strings.ContainsAny(s, `:\/?*[]`) || seen[strings.ToLower(s)] {
			t.Errorf("sheet name %q is not a valid, unique Excel name", s)
		}
		seen[strings.ToLower(s)] = true
	}

	// §2.2.2: the FTE sum of 2018 is the number 657.7, shown with one
	// decimal; the change is 3.428 (percent), shown as "3,4 %".
	sheet := ""
	for _, s := range sheets {
		if strings.HasPrefix(s, "3 Ressursinnsats") {
			sheet = s
		}
	}
	if sheet == "" {
		t.Fatalf("no sheet for table 3 among %q", sheets)
	}
	if v, _ := f.GetCellValue(sheet, "A1"); v != "Ressursinnsats målt i antall årsverk" {
		t.Errorf("A1 = %q, want the caption", v)
	}
	// Row 3 is the header, rows 4–6 the units, row 7 the sum.
	for _, c := range []struct {
		cell   string
		typ    excelize.CellType
		raw    string
		format string
	}{
		{"A7", excelize.CellTypeSharedString, "Sum årsverk", ""},
		{"F7", excelize.CellTypeUnset, "657.7", "#,##0.0"},
		{"B7", excelize.CellTypeUnset, "559.6", "#,##0.0"},
		{"G7", excelize.CellTypeUnset, "3.428", `#,##0.0" %"`},
	} {
		typ, err := f.GetCellType(sheet, c.cell)
		if err != nil {
			t.Fatal(err)
		}
		if typ != c.typ {
			t.Errorf("%s: type %v, want %v (a number is stored as a number)", c.cell, typ, c.typ)
		}
		raw, _ := f.GetCellValue(sheet, c.cell, excelize.Options{RawCellValue: true})
		if !strings.HasPrefix(raw, c.raw) {
			t.Errorf("%s = %q, want %s…", c.cell, raw, c.raw)
		}
		if c.format == "" {
			continue
		}
		id, _ := f.GetCellStyle(sheet, c.cell)
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if st.CustomNumFmt == nil || *st.CustomNumFmt != c.format {
			t.Errorf("%s: number format %v, want %q", c.cell, st.CustomNumFmt, c.format)
		}
	}

	// §6.1.6: the year headers span their four columns.
	for _, s := range sheets {
		if !strings.HasSuffix(s, "Minoritetsbakgrunn") {
			continue
		}
		merged, err := f.GetMergeCells(s)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range merged {
			got = append(got, m.GetStartAxis()+":"+m.GetEndAxis()+"="+m.GetCellValue())
		}
		want := "A3:A4=Område B3:E3=2017 F3:I3=2018"
		if strings.Join(got, " ") != want {
			t.Errorf("merged cells %q, want %q", got, want)
		}
		if v, _ := f.GetCellValue(s, "B11", excelize.Options{RawCellValue: true}); !strings.HasPrefix(v, "1052.8") {
			t.Errorf("total FTE 2017 = %q, want 1052.86", v)
		}
	}
}

// TestWriteXLSX_SheetNames gives tables long and equal captions: their
// sheets get names of at most 31 characters, without the characters Excel
// forbids, and unique.
func TestWriteXLSX_SheetNames(t *testing.T) {
	block := "```virk series-table\ntitle: Sykefravær: [total]/år? * en svært lang tittel som ikke får plass\nindicators: sykefravaer\nfrom: 2014\n```\n\n"
	doc, err := report.Build(context.Background(), folder(okMeta, "# K\n\n"+strings.Repeat(block, 11)), smallStore(t))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := doc.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := f.GetSheetList()
	want := []string{"Innhold", "1 Sykefravær total år en svært", "2 Sykefravær total år en svært", "11 Sykefravær total år en svært"}
	if len(got) != 12 {
		t.Fatalf("%d sheets, want 12: %q", len(got), got)
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("no sheet %q among %q", w, got)
		}
	}
	// The index sheet links each table to its sheet.
	for _, name := range got {
		if n := utf8.RuneCountInString(name); n > 31 {
			t.Errorf("sheet %q has %d characters", name, n)
		}
	}
	if v, _ := f.GetCellValue("Innhold", "C15"); v != "11 Sykefravær total år en svært" {
		t.Errorf("Innhold!C15 = %q", v)
	}
}
