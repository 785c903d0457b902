// Package virk holds the domain vocabulary of virk, a management-information
// system for Norwegian municipalities: indicators (KPIs) with targets and
// desired directions, entities (municipalities and organisational units),
// observations over periods, annotations, and the services that store them.
//
// The package imports only the standard library. Everything that depends on
// a database, a file format or the network lives in a subpackage named after
// that dependency, and those packages depend on this one, never the reverse.
package virk

// Version is the program version, set at build time with
// -ldflags "-X github.com/virk-analyse/virk.Version=…".
var Version = "dev"
