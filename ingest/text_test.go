package ingest

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf16"
)

// utf16Bytes encodes s as UTF-16 with a byte-order mark.
func utf16Bytes(s string, bigEndian bool) []byte {
	out := []byte{0xFF, 0xFE}
	if bigEndian {
		out = []byte{0xFE, 0xFF}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func TestDecodeText(t *testing.T) {
	const text = "indikator;enhet\nØkonomi;Bærum – Å\n"
	win, err := os.ReadFile(filepath.Join("testdata", "TestDecodeText", "windows1252.csv"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   []byte
		want string
		enc  Encoding
	}{
		{"UTF8", []byte(text), text, UTF8},
		{"UTF8BOM", append([]byte("\ufeff"), text...), text, UTF8},
		{"UTF16LE", utf16Bytes(text, false), text, UTF16LE},
		{"UTF16BE", utf16Bytes(text, true), text, UTF16BE},
		{"Latin1Bytes", []byte("B\xe6rum \xd8konomi \xc5"), "Bærum Økonomi Å", Windows1252},
		{"Windows1252Only", []byte("\x96 \x80"), "– €", Windows1252},
		{"Windows1252File", win,
			"indikator;enhet;periode;verdi\r\nØkonomi;Bærum;2018;1 422,3\r\nÅ;Bærum;2019;-16,2\r\n", Windows1252},
		{"Empty", nil, "", UTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc, err := DecodeText(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want || enc != tt.enc {
				t.Errorf("DecodeText = %q, %s; want %q, %s", got, enc, tt.want, tt.enc)
			}
		})
	}
}

func TestDecodeText_Error(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"UTF16WithoutBOM", utf16Bytes("ab\ncd", false)[2:],
			"1: filen inneholder NUL-tegn: den er ikke tekst, eller er UTF-16 uten BOM (lagre som UTF-8)"},
		{"NULOnLine2", []byte("a\nb\x00"),
			"2: filen inneholder NUL-tegn: den er ikke tekst, eller er UTF-16 uten BOM (lagre som UTF-8)"},
		{"OddUTF16", []byte{0xFF, 0xFE, 'a', 0, 'b'},
			"filen har UTF-16-merke (BOM), men et odde antall byte: den er skadet eller ikke UTF-16"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := DecodeText(tt.in)
			if !errors.Is(err, ErrEncoding) {
				t.Fatalf("error %v is not ErrEncoding", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got: %s\nwant: %s", err, tt.want)
			}
		})
	}
}

// A real Windows-1252 file reads with its Norwegian letters intact.
func TestReader_Windows1252(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "TestDecodeText", "windows1252.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, errs := readAllCSV(NewReader(f))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(recs) != 2 || recs[0].Indicator != "Økonomi" || recs[0].Entity != "Bærum" ||
		recs[1].Indicator != "Å" || recs[0].Value != 1422.3 || recs[1].Value != -16.2 {
		t.Errorf("records = %+v", recs)
	}
}

// readAllCSV drains a reader.
func readAllCSV(r interface{ Read() (Record, error) }) ([]Record, Errors) {
	var recs []Record
	var errs Errors
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return recs, errs
		}
		if err != nil {
			errs = append(errs, err.(*Error))
			continue
		}
		recs = append(recs, rec)
	}
}
