// Package jsonstat reads and validates JSON-stat 2.0 documents
// (https://json-stat.org/format/), such as the "json-stat2" responses of
// the Statistics Norway (SSB) StatBank API.
//
// It decodes all three JSON-stat 2.0 classes (dataset, collection with
// embedded items, and dimension) and, for compatibility with old
// producers, pre-2.0 bundles, which it reports as deprecated.
//
// # Decoding
//
// Decode (for a byte slice) and Decoder.Decode (for an io.Reader) return
// a *Document when the document has no error, together with its warnings
// and infos in Document.Findings; otherwise they return a
// *ValidationError listing every finding. A returned Dataset is always
// internally consistent, so its accessors cannot fail:
//
//	doc, err := jsonstat.Decode(data)
//	if err != nil {
//		return err // *jsonstat.ValidationError with paths and codes
//	}
//	ds := doc.Dataset
//	for pos, obs := range ds.All() {
//		// obs.IDs[j] is the category id of dimension ds.ID[j]
//		_ = pos
//	}
//
// Cells are addressed by a flat, row-major position in which the last
// dimension listed in "id" varies fastest; Dataset.Coords and Dataset.Pos
// convert between positions and per-dimension category coordinates.
//
// # Validation
//
// Validate returns every finding without stopping at the first. Each is
// an *Error with a Code from the jsonstat/validator rule catalogue
// (ID_SIZE_LEN_MISMATCH, VALUE_LEN_MISMATCH, ...), its Severity, the JSON
// path of the offending member (for example
// "dimension.sex.category.index") and an English message. Only findings
// of severity error make a document invalid.
//
// # Performance and safety
//
// The input is checked for JSON syntax in one pass, which also records
// where each large object and array ends, and is then walked directly:
// values are parsed in place rather than through interface{} values, and
// nested members are skipped without rescanning them, so decoding stays
// fast and compact for cubes with millions of cells. The
// Decoder's MaxCells, MaxDepth and MaxFindings options bound the memory
// and time an untrusted document can consume. No input makes the package
// panic.
package jsonstat
