package ingest

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
)

func TestError_Error(t *testing.T) {
	num := errorf(ErrNumber, "verdien «1,2,3» er ikke et tall (forventet f.eks. 1 422,3)")
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{"CSV", &Error{File: "data.csv", Line: 12, Column: 3, Err: num},
			"data.csv:12:3: verdien «1,2,3» er ikke et tall (forventet f.eks. 1 422,3)"},
		{"LineOnly", &Error{File: "data.csv", Line: 1, Err: num},
			"data.csv:1: verdien «1,2,3» er ikke et tall (forventet f.eks. 1 422,3)"},
		{"XLSX", &Error{File: "data.xlsx", Sheet: "Ark1", Cell: "C7", Line: 7, Column: 3, Err: num},
			"data.xlsx:Ark1!C7: verdien «1,2,3» er ikke et tall (forventet f.eks. 1 422,3)"},
		{"SheetOnly", &Error{File: "data.xlsx", Sheet: "Ark1", Err: num},
			"data.xlsx:arket «Ark1»: verdien «1,2,3» er ikke et tall (forventet f.eks. 1 422,3)"},
		{"JSON", &Error{File: "k.json", Line: 4, Column: 7, Path: "indicators[3].lable_nb", Err: num},
			"k.json:4:7: indicators[3].lable_nb: verdien «1,2,3» er ikke et tall (forventet f.eks. 1 422,3)"},
		{"FileOnly", &Error{File: "k.json", Err: num},
			"k.json: verdien «1,2,3» er ikke et tall (forventet f.eks. 1 422,3)"},
		{"NoPlace", &Error{Err: num}, "verdien «1,2,3» er ikke et tall (forventet f.eks. 1 422,3)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if !errors.Is(tt.err, ErrNumber) {
				t.Error("errors.Is(err, ErrNumber) = false")
			}
		})
	}
}

func TestErrors_Error(t *testing.T) {
	var es Errors
	for i := 1; i <= 103; i++ {
		es = append(es, &Error{File: "a.csv", Line: i, Err: errorf(ErrPeriod, "feil %d", i)})
	}
	lines := strings.Split(es.Error(), "\n")
	if len(lines) != 101 || lines[0] != "a.csv:1: feil 1" || lines[99] != "a.csv:100: feil 100" || lines[100] != "… og 3 til" {
		t.Errorf("got %d lines, first %q, last %q", len(lines), lines[0], lines[len(lines)-1])
	}
	if got := es[:2].Error(); got != "a.csv:1: feil 1\na.csv:2: feil 2" {
		t.Errorf("two errors: %q", got)
	}
	var err error = es
	if !errors.Is(err, ErrPeriod) {
		t.Error("errors.Is(Errors, ErrPeriod) = false")
	}
	var e *Error
	if !errors.As(fmt.Errorf("import: %w", err), &e) || e.Line != 1 {
		t.Errorf("errors.As gave %v", e)
	}
}

// TestError_VirkError checks that a domain error inside a placed error
// prints its message, not its debug form.
func TestError_VirkError(t *testing.T) {
	e := &Error{File: "ssb.json", Path: "dimension.Tid", Err: virk.Errorf(virk.EINVALID, "perioden «2018x» er ugyldig")}
	if got, want := e.Error(), "ssb.json: dimension.Tid: perioden «2018x» er ugyldig"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
