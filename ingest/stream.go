package ingest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/virk-analyse/virk"
)

// Opener opens a file of an import for reading from its start.
type Opener func() (io.ReadCloser, error)

// AddFile adds a file as Add does, but reads it through open as it needs,
// rather than holding it in memory: once now, to hash it and tell its
// format and encoding, and once in each ChangeSet. A CSV file in UTF-8
// and a workbook are then read as streams, so that an import's memory
// does not grow with their size; other files, and CSV in another
// encoding, are read whole, as Add reads them.
//
// An error from open or from reading comes back as is; the file is then
// not part of the import.
func (im *Importer) AddFile(name string, open Opener) error {
	rc, err := open()
	if err != nil {
		return err
	}
	var sc textScan
	sc.hash = sha256.New()
	_, err = io.Copy(&sc, rc)
	rc.Close()
	if err != nil {
		return err
	}
	sc.end()
	head := sc.head
	ext := strings.ToLower(filepath.Ext(name))
	var f format
	switch {
	case ext != ".px" && bytes.HasPrefix(head, []byte("PK\x03\x04")):
		f = formatXLSX
	case (ext == ".csv" || ext == ".tsv" || ext == ".txt") && !bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}) &&
		sc.nonblank && !sc.nul && (sc.valid || bytes.HasPrefix(head, bomUTF8)):
		f = formatCSV
	default:
		// Anything else is read whole, as Add reads it.
		rc, err := open()
		if err != nil {
			return err
		}
		defer rc.Close()
		data, err := io.ReadAll(rc)
		if err != nil {
			return err
		}
		return im.Add(name, data)
	}
	if im.Catalogue == nil {
		im.Catalogue = NewCatalogue(nil, nil)
	}
	sum := hex.EncodeToString(sc.hash.Sum(nil))
	im.pending = append(im.pending, pendingFile{name: name, format: f, open: open, sum: sum})
	im.files = append(im.files, virk.File{Name: name, SHA256: sum})
	return nil
}

// textScan looks at a file as it is copied into it: its hash, its first
// bytes, whether it is valid UTF-8, holds a NUL byte, or anything but
// blanks after a byte-order mark.
type textScan struct {
	hash     hash.Hash
	head     []byte // the first headSize bytes
	n        int64
	carry    []byte // an incomplete UTF-8 sequence at the end of the last write
	invalid  bool
	valid    bool // set by end
	nul      bool
	nonblank bool
}

const headSize = 1 << 16

// Write implements io.Writer.
func (s *textScan) Write(b []byte) (int, error) {
	s.hash.Write(b)
	if len(s.head) < headSize {
		s.head = append(s.head, b[:min(len(b), headSize-len(s.head))]...)
	}
	// The first bytes may be a byte-order mark, which end looks at.
	skip := int(max(0, min(int64(len(b)), int64(len(bomUTF8))-s.n)))
	s.n += int64(len(b))
	if !s.nonblank {
		s.nonblank = len(bytes.TrimLeft(b[skip:], " \t\r\n")) > 0
	}
	if !s.nul && bytes.IndexByte(b, 0) >= 0 {
		s.nul = true
	}
	if !s.invalid {
		s.checkUTF8(b)
	}
	return len(b), nil
}

// checkUTF8 checks b, after the carried bytes, for valid UTF-8, carrying
// a sequence that b cuts off.
func (s *textScan) checkUTF8(b []byte) {
	if n := len(s.carry); n > 0 {
		t := append(s.carry, b[:min(len(b), utf8.UTFMax-n)]...)
		if !utf8.FullRune(t) {
			s.carry = t
			return
		}
		r, size := utf8.DecodeRune(t)
		if r == utf8.RuneError && size == 1 {
			s.invalid = true
			return
		}
		b, s.carry = b[size-n:], t[:0]
	}
	cut := len(b)
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				cut = i
			}
			break
		}
	}
	if !utf8.Valid(b[:cut]) {
		s.invalid = true
		return
	}
	s.carry = append(s.carry[:0], b[cut:]...)
}

// end finishes the scan.
func (s *textScan) end() {
	s.valid = !s.invalid && len(s.carry) == 0
	if first := s.head[:min(len(s.head), len(bomUTF8))]; !s.nonblank && !bytes.Equal(first, bomUTF8) {
		s.nonblank = len(bytes.TrimLeft(first, " \t\r\n")) > 0
	}
}

// streamFile is a pending file opened by ChangeSet, hashed as it is read
// so that a file changed since AddFile is refused.
type streamFile struct {
	p    pendingFile
	rc   io.ReadCloser
	hash hash.Hash
	r    io.Reader
}

// openStream opens a pending file of AddFile.
func openStream(p pendingFile) (*streamFile, error) {
	rc, err := p.open()
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	return &streamFile{p: p, rc: rc, hash: h, r: io.TeeReader(rc, h)}, nil
}

// Read implements io.Reader.
func (f *streamFile) Read(b []byte) (int, error) { return f.r.Read(b) }

// text returns the file as buffered text without its byte-order mark.
func (f *streamFile) text() *bufio.Reader {
	br := bufio.NewReaderSize(f, 1<<20)
	if b, _ := br.Peek(len(bomUTF8)); bytes.Equal(b, bomUTF8) {
		br.Discard(len(bomUTF8))
	}
	return br
}

// finish closes the file. When check is set, it reads what the reader
// left and returns a fault if the bytes are not those AddFile hashed.
func (f *streamFile) finish(check bool) *Error {
	defer f.rc.Close()
	if !check {
		return nil
	}
	if _, err := io.Copy(io.Discard, f.r); err != nil {
		return &Error{File: f.p.name, Err: errorf(ErrSyntax, "kan ikke lese filen: %v", err)}
	}
	if hex.EncodeToString(f.hash.Sum(nil)) != f.p.sum {
		return &Error{File: f.p.name, Err: errorf(ErrSyntax, "filen ble endret mens den ble lest: importer den på nytt")}
	}
	return nil
}
