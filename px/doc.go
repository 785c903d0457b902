// Package px reads PC-Axis (.px) files, the format of Statistics Norway's
// and Statistics Sweden's StatBank (PxWeb), after the PX file format
// specification of 2013.
//
// Parse turns the bytes of a file into a File: its keywords with their
// language variants, the variables with their values, codes and time
// values, the content variable, the decimals and the data cube with the
// PX missing-value markers kept apart from the numbers. The package knows
// nothing about virk; package ingest maps a File into observations.
//
// Faults are ParseErrors placed by line and keyword. A fault that leaves
// the values unknown (a broken STUB, a VALUES list for a variable that
// does not exist, no DATA) is fatal and Parse returns it; a fault in a
// keyword that only describes the table (a stray quote in NOTE, a
// CELLNOTE with the wrong number of selectors) is a warning in
// File.Warnings and the keyword is skipped. The split follows the
// error/fatal and error/continue test files of PxWeb.
package px
