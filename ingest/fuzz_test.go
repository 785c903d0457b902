package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// sentinels are the kinds every *Error must wrap.
var sentinels = []error{ErrNumber, ErrPeriod, ErrStatus, ErrUnknownIndicator, ErrUnknownEntity,
	ErrDerived, ErrHeader, ErrFieldCount, ErrEncoding, ErrSyntax, ErrField, ErrInvalid,
	ErrDuplicate, ErrFormat, ErrTooMany}

// checkError fails unless err is an *Error of a known kind with a message.
func checkError(t *testing.T, err error) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T %v is not an *Error", err, err)
	}
	if e.Err == nil || e.Err.Error() == "" {
		t.Fatalf("error without a message: %#v", e)
	}
	for _, s := range sentinels {
		if errors.Is(e, s) {
			return
		}
	}
	t.Fatalf("error %q wraps no sentinel", e)
}

// drain reads every record, failing on anything a caller could not use.
func drain(t *testing.T, read func() (Record, error)) int {
	t.Helper()
	n := 0
	for i := 0; ; i++ {
		if i > 1_000_000 {
			t.Fatal("the reader does not end")
		}
		rec, err := read()
		if err == io.EOF {
			return n
		}
		if err != nil {
			checkError(t, err)
			continue
		}
		if rec.Period.IsZero() || rec.Indicator == "" || rec.Entity == "" || rec.Status == "" {
			t.Fatalf("incomplete record %+v", rec)
		}
		if !rec.Status.HasValue() && rec.Value != 0 || math.IsNaN(rec.Value) || math.IsInf(rec.Value, 0) {
			t.Fatalf("bad value in %+v", rec)
		}
		n++
	}
}

func FuzzCSV(f *testing.F) {
	seeds := []string{
		"indicator;entity;period;value;status\nsykefravaer;0219;2018;6,9;\nsykefravaer;baerum;2019;;..\n",
		"indikator,enhet,periode,verdi\nlonn,osu,2018,\"1,422.3\"\n",
		"indikator\tenhet\tnavn\t2018\t2019K1\nlonn\tosu\tLønn\t1 422,3\t:\n",
		"label;2018;2019\nx;-;..\n",
		"\ufeffindicator;entity;period;value;source;note\ni;e;2018M01;−16,2 %;kilde;\"a\nb\"\n",
		"indicator;entity;period;value\ni;e\"x;2018;1\n\"unterminated",
		"B\xe6rum;\xd8konomi\n",
		"\xff\xfei\x00;\x00",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	cat := testCatalogue(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		// What reads, written back as tidy CSV, reads the same.
		var recs []Record
		r0 := NewReader(bytes.NewReader(data))
		drain(t, func() (Record, error) {
			rec, err := r0.Read()
			if err == nil {
				recs = append(recs, rec)
			}
			return rec, err
		})
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Comma = ';'
		w.Write([]string{"indicator", "entity", "period", "value", "status"})
		var want []Record
		for _, rec := range recs {
			if strings.ContainsRune(rec.Indicator+rec.Entity, '\r') {
				continue
			}
			v := ""
			if rec.Status.HasValue() {
				v = strings.Replace(strconv.FormatFloat(rec.Value, 'f', -1, 64), ".", ",", 1)
			}
			w.Write([]string{rec.Indicator, rec.Entity, rec.Period.String(), v, rec.Status.Symbol()})
			want = append(want, rec)
		}
		w.Flush()
		back, errs := readAllCSV(NewReader(&buf))
		if len(errs) > 0 || len(back) != len(want) {
			t.Fatalf("written back:\n%s\nerrors %v", buf.Bytes(), errs)
		}
		for i := range want {
			b, w := back[i], want[i]
			if b.Indicator != w.Indicator || b.Entity != w.Entity || b.Period != w.Period || b.Value != w.Value || b.Status != w.Status {
				t.Fatalf("record %d: read %+v, wrote %+v", i, w, b)
			}
		}
		r := newBytesReader(data)
		r.Catalogue, r.DefaultIndicator, r.DefaultEntity = cat, "sykefravaer", "baerum"
		drain(t, r.Read)
		im := &Importer{Catalogue: cat}
		if err := im.Add("f.csv", data); err != nil {
			t.Fatal(err)
		}
		if _, err := im.ChangeSet(); err != nil {
			var errs Errors
			if !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("ChangeSet error %v", err)
			}
			for _, e := range errs {
				checkError(t, e)
				if e.File != "f.csv" {
					t.Fatalf("error without the file name: %v", e)
				}
			}
		}
	})
}

// A number that parses prints back, in Go syntax, to the same value.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1 422,3", "1.422,3", "−16,2 %", "1,5E+03", "1,2,3", "0", "-"} {
		f.Add(s, byte(0))
	}
	f.Fuzz(func(t *testing.T, s string, decimal byte) {
		if decimal != '.' && decimal != ',' {
			decimal = 0
		}
		v, err := ParseNumber(s, decimal)
		if err != nil {
			if !errors.Is(err, ErrNumber) || !strings.Contains(err.Error(), "verdien") && !strings.Contains(err.Error(), "Excel") {
				t.Fatalf("error %v", err)
			}
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("%q gave %v", s, v)
		}
		back, err := ParseNumber(strconv.FormatFloat(v, 'f', -1, 64), '.')
		if err != nil || back != v {
			t.Fatalf("%q gave %v, which reads back as %v, %v", s, v, back, err)
		}
	})
}

func FuzzCatalogue(f *testing.F) {
	f.Add(readFile(f, "katalog.json"))
	for _, s := range []string{
		`{"indicators": [{"id": "a", "lable_nb": "x"}]}`,
		`{"entities": [{"id": "a", "name": "A", "kind": "unit", "codes": [{"code": "1", "from": 2020}]}]}`,
		`{"annotations": [{"kind": "break", "indicator": "a", "period": 2017, "text": "t"}]}`,
		"{\"indicators\": [\n{\"id\": \"a\",}]}",
		`{"indicators": [{"id": "a", "label_nb": "A", "targets": [{"kind": "relative", "value": 1e400}]}]}`,
		`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cf, err := ReadCatalogue(bytes.NewReader(data))
		if err != nil {
			var errs Errors
			if !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("error %v is not Errors", err)
			}
			for _, e := range errs {
				checkError(t, e)
				if e.Line < 1 && !errors.Is(e, ErrEncoding) {
					t.Fatalf("error without a place: %v", e)
				}
			}
			return
		}
		// What reads, writes and reads back to the same records.
		var buf bytes.Buffer
		if err := WriteCatalogue(&buf, cf); err != nil {
			t.Fatal(err)
		}
		back, err := ReadCatalogue(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("written catalogue does not read: %v\n%s", err, buf.Bytes())
		}
		if !reflect.DeepEqual(back.Indicators, cf.Indicators) || !reflect.DeepEqual(back.Entities, cf.Entities) ||
			!reflect.DeepEqual(back.Annotations, cf.Annotations) {
			t.Fatalf("round trip changed the catalogue:\n%s", buf.Bytes())
		}
		im := &Importer{}
		if err := im.Add("k.json", data); err != nil && !errors.Is(err, ErrNotMine) {
			t.Fatal(err)
		}
		if _, err := im.ChangeSet(); err != nil {
			for _, e := range err.(Errors) {
				checkError(t, e)
			}
		}
	})
}

func FuzzXLSX(f *testing.F) {
	f.Add(readFile(f, "small.xlsx"))
	f.Add(smallWorkbook(f))
	f.Add([]byte("PK\x03\x04"))
	cat := testCatalogue(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewXLSXReader(bytes.NewReader(data))
		r.Catalogue = cat
		drain(t, r.Read)
		if err := r.Close(); err != nil {
			t.Fatalf("Close after the end: %v", err)
		}
	})
}
