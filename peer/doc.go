// Package peer compares a municipality with its peers: the service profile
// (tjenesteprofil) of the ASSS network and of SSB's KOSTRA groups. For each
// indicator it gives the municipality's value, the peer average both as a
// plain mean and SSB-style (the formula over summed numerators and
// denominators), the lowest and highest with the municipality that holds
// them, the rank, and an index with the average of the other members as
// 100, as ASSS computes it.
//
// Peer groups change with the years: ASSS had ten members until 2021 and
// twelve from 2022, and municipality numbers change with reforms (Bærum
// 0219 → 3024 → 3201). Groups therefore name members by municipality
// number with validity years, and the Register of number changes (SSB's
// classification 131) turns numbers into entities with a code history,
// finds mergers, annotates them as series breaks and back-calculates the
// merged municipality's series from its parts.
//
// Everything here is a pure function of its inputs; the data come from a
// kpi.Cube or anything else that gives series.
package peer
