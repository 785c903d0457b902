// Package disclosure protects published tables of personnel statistics by
// cell suppression, so that no count of fewer persons than a threshold can
// be read from the table or worked out from it.
//
// The method is the one the Eurostat Handbook on Statistical Disclosure
// Control and Hundepool et al., Statistical Disclosure Control (Wiley,
// 2012), describe for tabular data:
//
//   - The threshold rule marks a cell as unsafe when it holds at least one
//     but fewer than threshold persons. Such cells are suppressed first
//     (primary suppression). A cell of zero persons reveals nobody and is
//     published.
//   - A table is more than its cells: its margins are sums of other cells,
//     and whoever reads the table knows those sums. A suppressed cell that
//     is the only unknown of a sum, or that follows from several sums
//     combined, is disclosed by differencing. Further cells are therefore
//     suppressed (secondary suppression, the complements) until no
//     suppressed cell is determined by the published ones.
//
// The package works on that linear view of a table directly, as the
// hypercube method does for tables with hierarchies: a Table is a list of
// cells and the relations "total = sum of parts" that publishing reveals,
// so the same code serves a unit tree, periods (a year is the sum of its
// months), categories (men and women add up to all) and their cross
// products. Suppress first runs the quick rule that no relation may have
// exactly one suppressed cell, choosing as complement the cell with the
// fewest persons so that as little as possible is lost. That rule is not
// enough in a table of two or more dimensions, where suppressed cells can
// still be worked out through a chain of relations, so Suppress then checks
// the pattern exactly, by Gaussian elimination in integer arithmetic, and
// adds complements until no suppressed cell is determined.
//
// Protection here is against exact disclosure through the sums. Bounds an
// intruder may also use, such as counts never being negative, can narrow a
// suppressed cell to an interval; this package does not compute those
// intervals.
//
// SSB prints a suppressed cell as ":" (Statistisk sentralbyrå's symbol for
// figures withheld for confidentiality); presenting cells is the caller's
// work.
package disclosure
