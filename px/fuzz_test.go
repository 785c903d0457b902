package px

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse feeds arbitrary bytes to Parse. It must not panic, and what
// it returns must be consistent: a file with as many cells as its
// variables span and faults that wrap a sentinel, fatal ones only as the
// error. The seed corpus is testdata/fuzz/FuzzParse (small files of the
// PxWeb error suites and hand-made edge cases) plus minimal.
func FuzzParse(f *testing.F) {
	f.Add([]byte(minimal))
	for _, rel := range []string{"pcaxis-serializers/BE0101A1.px", "pcaxis-serializers/14216.px",
		"pcaxis-serializers/WeeklyStatisticsWithTwoContent.px", "pxweb-example/BE0101F1datasymbols.px"} {
		if data, err := os.ReadFile(filepath.Join(dataDir, rel)); err == nil {
			f.Add(data)
		}
	}
	sentinels := []error{ErrSyntax, ErrMissing, ErrReference, ErrCount, ErrValue, ErrCharset}
	wraps := func(e *ParseError) bool {
		for _, s := range sentinels {
			if errors.Is(e, s) {
				return true
			}
		}
		return false
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse(data)
		if err != nil {
			var es Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("error %v is not Errors", err)
			}
			for _, e := range es {
				if !e.Fatal || !wraps(e) || e.Line < 0 {
					t.Fatalf("fatal fault %q: Fatal %v, wraps a sentinel %v", e, e.Fatal, wraps(e))
				}
			}
			return
		}
		if len(file.Cells) != file.Len() {
			t.Fatalf("%d cells for a cube of %d", len(file.Cells), file.Len())
		}
		if file.Marks != nil && len(file.Marks) != len(file.Cells) {
			t.Fatalf("%d marks for %d cells", len(file.Marks), len(file.Cells))
		}
		for _, v := range file.Variables() {
			if len(v.Values) == 0 || v.Codes != nil && len(v.Codes) != len(v.Values) ||
				v.TimeVal != nil && len(v.TimeVal.Codes) != len(v.Values) {
				t.Fatalf("variable %q: %d values, %d codes", v.Name, len(v.Values), len(v.Codes))
			}
		}
		for _, w := range file.Warnings {
			if w.Fatal || !wraps(w) {
				t.Fatalf("warning %q: Fatal %v, wraps a sentinel %v", w, w.Fatal, wraps(w))
			}
		}
	})
}
