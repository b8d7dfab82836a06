// Package catalog is the one list of every preset in gongzhi and the
// dispatcher from a rule name or a rule config to the package that counts
// it.
//
// # Presets
//
// Each domain package describes its own presets (vote.Catalog,
// ranked.Catalog, pb.Catalog, ticket.Catalog, project.Catalog,
// agenda.Catalog): a stable name, English and Chinese names, a one-line
// summary, the legal source and whether the source was verified. All
// gathers them into Entry values of six kinds (vote, ranked, pb, sla,
// sharing, obligation); Find looks one up and Entry.Config returns its
// rule as data, ready to print as JSON and adapt.
//
// # Counting rules
//
// Preset and ParseRule return a Rule: a counting rule of the vote, ranked
// or pb package, whichever reads it. ParseRule picks the package from the
// config's "method" field. Count reads a ballot file in one of the
// vote/ballotfile formats and counts it under a Rule, so that a tool needs
// nothing but flags and printing.
package catalog
