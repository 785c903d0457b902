package px

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// decode turns the bytes of a file into UTF-8 text after its declared
// character set, and reports when the bytes say otherwise.
//
// CODEPAGE names the code page ("iso-8859-1", "utf-8", "windows-1252");
// without it CHARSET="ANSI" means Windows-1252, and a file declaring
// neither is read as Windows-1252 too, which is what PxWeb writes (the
// specification's DOS code page is not met in practice). Two mismatches
// occur in real files and are corrected with a warning:
//
//   - bytes that are valid UTF-8 with non-ASCII characters, declared as a
//     single-byte code page (INE's 1001.px): read as UTF-8, since decoding
//     them as Latin-1 would turn every "ø" into "Ã¸";
//   - bytes in 0x80–0x9F, which are control characters in ISO-8859-1/15,
//     declared as ISO-8859 (Swiss FSO's ’ = 0x92): read as Windows-1252.
//
// Declared UTF-8 that is not valid UTF-8 is read as Windows-1252.
func decode(data []byte) (text []byte, used, declared string, warn *ParseError) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	declared, line := declaredCharset(data)
	ascii := true
	for _, c := range data {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return data, declared, declared, nil
	}
	isUTF8 := utf8.Valid(data)
	mismatch := func(actual string) *ParseError {
		return &ParseError{Line: line, Keyword: "CODEPAGE", Err: &detail{ErrCharset,
			fmt.Sprintf("the file declares %s but its bytes are %s; read as %s", declared, actual, actual)}}
	}
	switch {
	case declared == "utf-8" && isUTF8:
		return data, "utf-8", declared, nil
	case declared == "utf-8":
		return decodeWith(charmap.Windows1252, data), "windows-1252", declared, mismatch("windows-1252")
	case isUTF8:
		return data, "utf-8", declared, mismatch("utf-8")
	}
	enc := charsets[declared]
	used = declared
	if strings.HasPrefix(declared, "iso-8859") && hasC1(data) {
		enc, used = charmap.Windows1252, "windows-1252"
		warn = mismatch("windows-1252")
	}
	if enc == nil {
		enc, used = charmap.Windows1252, "windows-1252"
		warn = &ParseError{Line: line, Keyword: "CODEPAGE", Err: &detail{ErrCharset,
			fmt.Sprintf("unknown code page %q; read as windows-1252", declared)}}
	}
	return decodeWith(enc, data), used, declared, warn
}

// charsets are the code pages met in PX files, by lower-case name.
var charsets = map[string]encoding.Encoding{
	"windows-1252": charmap.Windows1252, "cp1252": charmap.Windows1252, "ansi": charmap.Windows1252,
	"iso-8859-1": charmap.ISO8859_1, "latin1": charmap.ISO8859_1, "iso8859-1": charmap.ISO8859_1,
	"iso-8859-15": charmap.ISO8859_15, "iso8859-15": charmap.ISO8859_15, "latin9": charmap.ISO8859_15,
	"iso-8859-2": charmap.ISO8859_2, "windows-1250": charmap.Windows1250,
	"ibm437": charmap.CodePage437, "cp437": charmap.CodePage437, "ibm850": charmap.CodePage850, "cp850": charmap.CodePage850,
}

// hasC1 reports whether data holds bytes in 0x80–0x9F.
func hasC1(data []byte) bool {
	for _, c := range data {
		if c >= 0x80 && c < 0xA0 {
			return true
		}
	}
	return false
}

func decodeWith(enc encoding.Encoding, data []byte) []byte {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		// Single-byte code pages map every byte; this is unreachable
		// but keeps the bytes rather than losing the file.
		return data
	}
	return out
}

// declaredCharset reads CODEPAGE, or else CHARSET, from the start of a
// line before DATA. Keywords are ASCII, so the raw bytes can be searched
// before the text is decoded. It returns the lower-case name and the line
// of the keyword (0 when neither is present).
func declaredCharset(data []byte) (string, int) {
	var charset string
	var charsetLine int
	line := 1
	for len(data) > 0 {
		end := bytes.IndexByte(data, '\n')
		l := data
		if end >= 0 {
			l = data[:end]
		}
		switch {
		case bytes.HasPrefix(l, []byte("CODEPAGE=")):
			return strings.ToLower(strings.Trim(strings.TrimSpace(string(l[9:])), `";`)), line
		case bytes.HasPrefix(l, []byte("CHARSET=")):
			charset, charsetLine = strings.ToLower(strings.Trim(strings.TrimSpace(string(l[8:])), `";`)), line
		case bytes.HasPrefix(l, []byte("DATA=")):
			end = -1
		}
		if end < 0 {
			break
		}
		data = data[end+1:]
		line++
	}
	if charset == "ansi" || charset == "" {
		return "windows-1252", charsetLine
	}
	return charset, charsetLine
}
