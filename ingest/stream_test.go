package ingest

import (
	"bytes"
	"crypto/sha256"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

// opener returns an Opener of data that reads n bytes at a time, or one
// at a time when n is 1, so that reads split every sequence.
func opener(data []byte, n int) Opener {
	return func() (io.ReadCloser, error) {
		var r io.Reader = bytes.NewReader(data)
		if n == 1 {
			r = iotest.OneByteReader(r)
		} else {
			r = &chunkReader{r, n}
		}
		return io.NopCloser(r), nil
	}
}

// chunkReader reads at most n bytes per call.
type chunkReader struct {
	r io.Reader
	n int
}

func (c *chunkReader) Read(b []byte) (int, error) { return c.r.Read(b[:min(len(b), c.n)]) }

// importResult is what an import of files gives, as text.
func importResult(t *testing.T, im *Importer) string {
	t.Helper()
	cs, err := im.ChangeSet()
	if err != nil {
		return "error:\n" + err.Error()
	}
	obs := cs.Observations
	if im.Compact {
		obs = cs.Rows.Observations()
	}
	var b strings.Builder
	for _, f := range cs.Files {
		b.WriteString(f.Name + " " + f.SHA256 + "\n")
	}
	b.WriteString(obsLines(obs))
	return b.String()
}

// AddFile gives the change set, or the faults, that Add gives, whatever
// the file's format and encoding and however its reads fall, compact or
// not.
func TestImporter_AddFile(t *testing.T) {
	catalogue := string(readFile(t, "katalog.json"))
	cp1252 := []byte("indikator;enhet;periode;verdi;kilde\nsykefravaer;baerum;2018;6,9;S\xf8r\n")
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range "indikator;enhet;periode;verdi\nsykefravaer;baerum;2018;6,9\n" {
		utf16 = append(utf16, byte(r), 0)
	}
	tests := []struct {
		name, file, data string
	}{
		{"tidy", "data.csv", "indikator;enhet;periode;verdi;status;kilde\n" +
			"sykefravaer;0219;2018;6,9;;Bærum «HR» ✓\n" +
			"sykefravaer;3024;2021;7,2;p;HR-systemet\n" +
			"sykefravaer;3201;2025;;..;\n" +
			"sykefravaer;0219;2018;6,9;;Bærum «HR» ✓\n"},
		{"bom", "data.csv", "\xef\xbb\xbfindikator;enhet;periode;verdi\nsykefravaer;baerum;2018;6,9\n"},
		{"sep", "data.csv", "sep=,\nindikator,enhet,periode,verdi\nsykefravaer,baerum,2018,6.9\n"},
		{"wide", "data.tsv", "indikator\tenhet\t2018\t2019\nsykefravaer\tbaerum\t6,9\t7\n"},
		{"windows-1252", "data.csv", string(cp1252)},
		{"utf-16", "data.txt", string(utf16)},
		{"nul", "data.csv", "indikator;enhet;periode;verdi\nsykefravaer;baerum;2018;6,9\x00\n"},
		{"empty", "data.csv", ""},
		{"blank", "data.csv", "\xef\xbb\xbf \r\n\t\n"},
		{"faults", "data.csv", "indikator;enhet;periode;verdi\n" +
			"sykefravaer;baerum;2018;6,9\n" +
			"sykefravaer;baerum;2019;1,2,3\n" +
			"sykefravar;baerum;2020;7\n" +
			"sykefravaer;baerum;2018;7\n" +
			"sykefravaer;baerum;2023\n"},
		{"quotes", "data.csv", "indikator;enhet;periode;verdi\n\"sykefravaer\";\"bae\"rum\";2018;6,9\n"},
		{"xlsx", "bred.xlsx", string(makeXLSX(t, nil, sheet{"Ark1", [][]any{
			{"indikator", "enhet", "navn", 2016, 2017},
			{"lonn", "osu", "Lønn", 560.1, "573,9"},
			{"lonn", "3024", "Lønn", nil, "-"},
		}}))},
		{"xlsx-bad", "data.xlsx", "PK\x03\x04 not a zip"},
		{"px", "data.px", "CHARSET=\"ANSI\";\n"},
		{"unknown", "data.bin", "indikator;enhet\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := func() string {
				im := &Importer{}
				im.Add("katalog.json", []byte(catalogue))
				im.Add(tt.file, []byte(tt.data))
				return importResult(t, im)
			}()
			for _, n := range []int{1, 3, 1 << 20} {
				for _, compact := range []bool{false, true} {
					im := &Importer{Compact: compact}
					im.Add("katalog.json", []byte(catalogue))
					if err := im.AddFile(tt.file, opener([]byte(tt.data), n)); err != nil {
						t.Fatal(err)
					}
					if got := importResult(t, im); got != want {
						t.Errorf("reads of %d, compact %v:\n got: %s\nwant: %s", n, compact, got, want)
					}
				}
			}
		})
	}
}

// A file that changes between AddFile and ChangeSet is refused.
func TestImporter_AddFileChanged(t *testing.T) {
	catalogue := string(readFile(t, "katalog.json"))
	versions := []string{"indikator;enhet;periode;verdi\nsykefravaer;baerum;2018;6,9\n",
		"indikator;enhet;periode;verdi\nsykefravaer;baerum;2018;7,9\n"}
	calls := 0
	open := func() (io.ReadCloser, error) {
		calls++
		return io.NopCloser(strings.NewReader(versions[min(calls-1, 1)])), nil
	}
	im := &Importer{}
	im.Add("katalog.json", []byte(catalogue))
	if err := im.AddFile("data.csv", open); err != nil {
		t.Fatal(err)
	}
	_, err := im.ChangeSet()
	want := "data.csv: filen ble endret mens den ble lest: importer den på nytt"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// textScan finds what DecodeText needs to know, however the bytes are
// split between writes.
func TestTextScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "æ", "ø", "✓", "😀", "\xff", "\xc3", "\x80", "\n", " ", "\x00", "\xef\xbb\xbf"}
	for range 2000 {
		var b []byte
		for range rng.IntN(12) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		s := textScan{hash: sha256.New()}
		for rest := b; len(rest) > 0; {
			k := 1 + rng.IntN(len(rest))
			s.Write(rest[:k])
			rest = rest[k:]
		}
		s.end()
		if s.valid != utf8.Valid(b) {
			t.Fatalf("%q: valid %v", b, s.valid)
		}
		if s.nul != (bytes.IndexByte(b, 0) >= 0) {
			t.Fatalf("%q: nul %v", b, s.nul)
		}
		if nonblank := len(bytes.TrimLeft(bytes.TrimPrefix(b, bomUTF8), " \t\r\n")) > 0; s.nonblank != nonblank {
			t.Fatalf("%q: nonblank %v", b, s.nonblank)
		}
		if !bytes.Equal(s.head, b[:min(len(b), headSize)]) || [32]byte(s.hash.Sum(nil)) != sha256.Sum256(b) {
			t.Fatalf("%q: head or hash", b)
		}
	}
}
