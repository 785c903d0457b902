// Package disclosure protects published tables of personnel statistics by
// cell suppression, so that no count of fewer persons than a threshold can
// be read from the table or worked out from it.
//
// The method is the one that Hundepool et al., Statistical Disclosure
// Control (Wiley, 2012), and the Eurostat Handbook on Statistical
// Disclosure Control set out for tabular data (the chapters on magnitude
// tables and on frequency tables):
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
// The package works on the linear view of a table that both describe: a
// Table is a list of cells and the relations "total = sum of parts" that
// publishing reveals, so the same code serves a unit tree, periods (a year
// is the sum of its months), categories (men and women add up to all) and
// their cross products. In a two-way table with margins, the pattern it
// finds for one small cell is the smallest hypercube of the hypercube
// method: the four corners of a rectangle of cells.
//
// Suppress first runs the quick rule that no relation may have exactly one
// suppressed cell, choosing as complement the cell with the fewest persons
// so that as little as possible is lost. That rule is not enough in a table
// of two or more dimensions, where suppressed cells can still be worked out
// through a chain of relations, so Suppress then checks the pattern
// exactly, by Gaussian elimination in integer arithmetic. For a cell still
// determined, the elimination also gives the combination of relations that
// determines it, and the next complement is a published cell that this
// combination does not cancel; the quick rule and the check alternate until
// no suppressed cell is determined. Only the groups of suppressed cells
// that share relations and have changed are checked again, so tables of
// tens of thousands of cells take milliseconds.
//
// Protection here is against exact disclosure through the sums. Bounds an
// intruder may also use, such as counts never being negative, can narrow a
// suppressed cell to an interval; this package does not compute those
// intervals.
//
// SSB prints a suppressed cell as ":" (Statistisk sentralbyrå's symbol for
// figures withheld for confidentiality); presenting cells is the caller's
// work. SSB's own R package GaussSuppression works on the same linear view,
// by Gaussian elimination too, but goes through the candidate cells in a
// chosen order and publishes each unless that would disclose a primary one.
package disclosure
