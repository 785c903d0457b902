package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPX_Fatal imports every file of PxWeb's error/fatal suite: each is
// refused, with a message naming the file, the line and the keyword of
// the one change it makes to the template.
func TestPX_Fatal(t *testing.T) {
	want := map[string]string{
		"BE0101F1errorCodes.px":             `:24: CODES("region"): syntaksfeil: expected , or ;`,
		"BE0101F1errorContVariableunits.px": `:42: UNITS("Inmigratedx"): ukjent referanse: "Inmigratedx" is not a value of the content variable`,
		"BE0101F1errorContvariable.px":      `:17: CONTVARIABLE: ukjent referanse: the variable "typex" is not in STUB or HEADING`,
		"BE0101F1errorHeading.px":           `:16: HEADING: syntaksfeil: expected , or ;`,
		"BE0101F1errorMatrix.px":            `:8: MATRIX: syntaksfeil: expected , or ;`,
		"BE0101F1errorStub.px":              `:15: STUB: syntaksfeil: expected , or ;`,
		"BE0101F1errorSubjectArea.px":       `:6: SUBJECT-AREA: syntaksfeil: expected , or ;`,
		"BE0101F1errorUnit.px":              `:14: UNITS: syntaksfeil: expected , or ;`,
		"BE0101F1errorValues.px":            `:18: VALUES("region"): syntaksfeil: expected , or ;`,
		"BE0101F1errorVarValue.px":          `:18: VALUES("regionx"): ukjent referanse: the variable "regionx" is not in STUB or HEADING`,
		"BE0101F1errormissingValues.px":     `:15: VALUES("age"): mangler: the variable "age" of STUB has no VALUES`,
		"BE0101F1misingSubjectArea.px":      `:90: SUBJECT-AREA: mangler: the mandatory keyword SUBJECT-AREA is missing`,
		"BE0101F1missingContents.px":        `:90: CONTENTS: mangler: the mandatory keyword CONTENTS is missing`,
		"BE0101F1missingData.px":            `:81: DATA: mangler: the mandatory keyword DATA is missing`,
		"BE0101F1missingDecimal.px":         `:89: DECIMALS: mangler: the mandatory keyword DECIMALS is missing`,
		"BE0101F1missingMatrix.px":          `:90: MATRIX: mangler: the mandatory keyword MATRIX is missing`,
		"BE0101F1missingStubHeading.px":     `:89: STUB: mangler: neither STUB nor HEADING is given`,
		"BE0101F1missingSubjectCode.px":     `:90: SUBJECT-CODE: mangler: the mandatory keyword SUBJECT-CODE is missing`,
		"BE0101F1missingTitle.px":           `:88: TITLE: mangler: the mandatory keyword TITLE is missing`,
		"BE0101F1missingUnit.px":            `:90: UNITS: mangler: the mandatory keyword UNITS is missing`,
	}
	runSuite(t, "pxweb-example/error/fatal", func(t *testing.T, name string, im *Importer, err error) {
		if name == "template-av-BE0101F1error.px" {
			if err != nil {
				t.Fatalf("the template is refused: %v", err)
			}
			return
		}
		w, ok := want[name]
		if !ok {
			t.Fatalf("no expectation for %s", name)
		}
		if err == nil {
			t.Fatalf("imported, want the error %s%s", name, w)
		}
		if !strings.Contains(err.Error(), name+w) {
			t.Errorf("error\n%v\nwant it to contain\n%s%s", err, name, w)
		}
	})
}

// TestPX_Continue imports every file of PxWeb's error/continue suite:
// each imports with a warning naming the file, the line and the keyword
// of its change; the template imports without any.
func TestPX_Continue(t *testing.T) {
	want := map[string]string{
		"BE0101A1procerrorPrecision.px":       `:28: PRECISION("$$SORT","Per centx")`,
		"BE0101F1errorAggregAllowed.px":       `:8: AGGREGALLOWED: ugyldig verdi: "2" is neither YES nor NO`,
		"BE0101F1errorCellnote.px":            `:80: CELLNOTE("*","20","*","*"): feil antall: 4 selectors for 5 variables`,
		"BE0101F1errorContVariabledetails.px": `:38: LAST-UPDATED("Inmigratedx")`,
		"BE0101F1errorContact.px":             `:45: CONTACT("Inmigrated"): syntaksfeil: expected , or ;`,
		"BE0101F1errorDescDefault.px":         `:11: DESCRIPTIONDEFAULT: mangler: DESCRIPTIONDEFAULT=YES but the table has no DESCRIPTION`,
		"BE0101F1errorDescription.px":         `:10: DESCRIPTION: syntaksfeil: expected , or ;`,
		"BE0101F1errorDomain.px":              `:30: DOMAIN("regionx")`,
		"BE0101F1errorDoubleCol.px":           `:28: DOUBLECOLUMN("regionx")`,
		"BE0101F1errorElimYalue.px":           `:34: ELIMINATION("regionx")`,
		"BE0101F1errorElimYes.px":             `:35: ELIMINATION("sexx")`,
		"BE0101F1errorMap.px":                 `:33: MAP("region"): syntaksfeil: expected , or ;`,
		"BE0101F1errorNote.px":                `:49: NOTE: syntaksfeil: expected , or ;`,
		"BE0101F1errorNoteVar.px":             `:52: NOTE("regionx")`,
		"BE0101F1errorShowdecimals.px":        `:37: SHOWDECIMALS: ugyldig verdi: 20 is outside 0–6`,
		"BE0101F1errorShowdecimals2.px":       `:37: SHOWDECIMALS: ugyldig verdi: "A" is not a number`,
		"BE0101F1errorShowdecimals2d.px":      `:37: SHOWDECIMALS: ugyldig verdi: SHOWDECIMALS=2 is more than DECIMALS=0`,
		"BE0101F1errorSource.px":              `:44: SOURCE: syntaksfeil: expected , or ;`,
		"BE0101F1errorTimeval.px":             `:23: TIMEVAL("period"): feil antall: 2 time values for 1 values`,
		"BE0101F1errorValueNote.px":           `:60: VALUENOTE("age","20"): syntaksfeil: expected , or ;`,
		"BE0101F1errorValuenotex.px":          `:59: VALUENOTEX("region","0114 Upplands Väsby"): syntaksfeil: expected , or ;`,
		"template-av-BE0101F1error.px":        ``,
	}
	runSuite(t, "pxweb-example/error/continue", func(t *testing.T, name string, im *Importer, err error) {
		if err != nil {
			t.Fatalf("refused: %v", err)
		}
		w, ok := want[name]
		if !ok {
			t.Fatalf("no expectation for %s", name)
		}
		warns := strings.Join(im.Warnings(), "\n")
		switch {
		case w == "" && warns != "":
			t.Errorf("warnings %q for the template, want none", warns)
		case w != "" && !strings.Contains(warns, name+w):
			t.Errorf("warnings\n%s\nwant one containing\n%s%s", warns, name, w)
		}
	})
}

// TestPX_Multilang imports PxWeb's error/multilang files, which break a
// keyword of a second language: the default language's cells import,
// and the broken keyword is a warning where it can be seen at all.
func TestPX_Multilang(t *testing.T) {
	want := map[string]string{
		"BE0101F1ensvcontvarerror.px":           `:25: CONTVARIABLE: mangler: CONTVARIABLE[sv] is missing`,
		"BE0101F1ensvdescdefaulterror.px":       ``, // the README finds no visible error
		"BE0101F1ensvdescerror.px":              `:14: DESCRIPTION[svx]: ukjent referanse: the language "svx" is not in LANGUAGES`,
		"BE0101F1langensvfiolikacelln2error.px": `:163: CELLNOTE[fix]`,
	}
	runSuite(t, "pxweb-example/error/multilang", func(t *testing.T, name string, im *Importer, err error) {
		if err != nil {
			t.Fatalf("refused: %v", err)
		}
		warns := strings.Join(im.Warnings(), "\n")
		if w := want[name]; w == "" && warns != "" || w != "" && !strings.Contains(warns, name+w) {
			t.Errorf("warnings %q, want %q", warns, w)
		}
	})
}

// runSuite imports each .px file of a folder of pxDir on its own.
func runSuite(t *testing.T, dir string, check func(t *testing.T, name string, im *Importer, err error)) {
	files, err := filepath.Glob(filepath.Join(pxDir, dir, "*.px"))
	if err != nil || len(files) == 0 {
		t.Skipf("no files in %s", dir)
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			im := &Importer{}
			if err := im.Add(name, data); err != nil {
				t.Fatal(err)
			}
			_, err = im.ChangeSet()
			check(t, name, im, err)
		})
	}
}

// TestPX_Charset checks the file whose declared code page does not match
// its bytes: INE's 1001.px declares ISO-8859-15 but is UTF-8 (with the
// U+FFFD its producer left). It is read as UTF-8, so its labels hold
// "Construcci\uFFFDn" rather than the mojibake "Construcciï¿½n", and the
// mismatch is reported.
func TestPX_Charset(t *testing.T) {
	cs, im, err := importPX(t, "pyaxis/1001.px", &JSONStatMapping{EntityID: "norge"})
	if err != nil {
		t.Fatal(err)
	}
	warns := strings.Join(im.Warnings(), "\n")
	if !strings.Contains(warns, "1001.px:9: CODEPAGE: feil tegnsett: the file declares iso-8859-15 but its bytes are utf-8; read as utf-8") {
		t.Errorf("warnings %q, want the code page mismatch", warns)
	}
	found := false
	for _, ind := range cs.Indicators {
		if strings.Contains(ind.LabelNB, "ï¿") {
			t.Errorf("label %q is decoded as ISO-8859-15", ind.LabelNB)
		}
		found = found || strings.Contains(ind.LabelNB, "Construcci\uFFFDn")
	}
	if !found {
		t.Error("no indicator label holds «Construcci\uFFFDn»")
	}
}
