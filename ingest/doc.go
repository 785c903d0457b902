// Package ingest turns the files analysts bring — CSV and TSV exports, Excel
// workbooks, SSB's JSON-stat and PC-Axis (.px) tables and the project's own
// catalogue JSON — into one *virk.ChangeSet.
//
// The readers follow the shape of encoding/csv: a NewReader-style
// constructor, exported option fields, and a Read method that returns one
// record at a time together with an *Error that says where in the file
// something is wrong. The Importer ties them together: it takes files in any
// order, resolves the indicators and entities that data rows name against a
// Catalogue, and either returns the merged change set or every fault it found
// (Errors), each with the file name and place, in Norwegian bokmål because
// the messages are shown to the analysts who must fix the files.
//
// This is the only package that depends on an XLSX library; the rest of virk
// sees only virk types.
package ingest
