package ingest

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Encoding names the character encoding a text file was found to be in.
type Encoding string

// Encodings that DecodeText recognises.
const (
	UTF8        Encoding = "UTF-8"
	UTF16LE     Encoding = "UTF-16LE"
	UTF16BE     Encoding = "UTF-16BE"
	Windows1252 Encoding = "Windows-1252"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// DecodeText returns the text in b as UTF-8 without a byte-order mark.
//
// UTF-8 is taken with or without a BOM, and UTF-16 with a BOM (Excel's
// "Unicode text"). Bytes that are not valid UTF-8 are read as Windows-1252,
// which Norwegian Windows programs write and which agrees with ISO-8859-1 on
// every letter; UTF-8 is tried first because a Windows-1252 file with æøå is
// practically never valid UTF-8. Text with NUL characters is refused with
// ErrEncoding: it is a binary file, or UTF-16 that lost its BOM.
//
// When b is valid UTF-8 the result shares its memory.
func DecodeText(b []byte) ([]byte, Encoding, error) {
	var enc encoding.Encoding
	var name Encoding
	switch {
	case bytes.HasPrefix(b, bomUTF8):
		b, name = b[len(bomUTF8):], UTF8
	case bytes.HasPrefix(b, bomUTF16LE):
		enc, name = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), UTF16LE
	case bytes.HasPrefix(b, bomUTF16BE):
		enc, name = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), UTF16BE
	case utf8.Valid(b):
		name = UTF8
	default:
		enc, name = charmap.Windows1252, Windows1252
	}
	if enc != nil {
		if name != Windows1252 && len(b)%2 != 0 {
			return nil, name, &Error{Err: errorf(ErrEncoding,
				"filen har UTF-16-merke (BOM), men et odde antall byte: den er skadet eller ikke UTF-16")}
		}
		var err error
		if b, err = enc.NewDecoder().Bytes(b); err != nil {
			return nil, name, &Error{Err: errorf(ErrEncoding, "kan ikke lese filen som %s: %v", name, err)}
		}
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return nil, name, &Error{Line: 1 + bytes.Count(b[:i], []byte{'\n'}), Err: errorf(ErrEncoding,
			"filen inneholder NUL-tegn: den er ikke tekst, eller er UTF-16 uten BOM (lagre som UTF-8)")}
	}
	return b, name, nil
}
