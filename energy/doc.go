// Package energy holds the calculations of energy follow-up for municipal
// buildings: degree days, the daily energy signature of a building and the
// temperature correction it gives, yearly use per square metre as ordinary
// indicators, and the detection of abnormal operation.
//
// Everything here is a pure function of the root package's types: readings
// come in as virk.ReadingBlock, temperatures as virk.Temperature, and the
// results go out as virk.Observation and virk.Alert for a store to keep.
// Reading files is package ingest's work.
package energy
