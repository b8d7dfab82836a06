// Package ballotfile reads the ballot files that real elections publish
// into the inputs of the ranked and pb packages, and writes them back.
//
// # Formats
//
//   - BLT (ReadBLT, WriteBLT): the OpenSTV / Electoral Reform Society format
//     used for Scottish council elections and by most STV software.
//   - pabulib .pb (ReadPB, WritePB): participatory budgets with approval,
//     cumulative, ordinal or scoring ballots (pabulib.org). pb.ParseMeta
//     reads the documented META keys (min_length, max_length, max_sum_cost,
//     min_points, max_points, default_score, subunit, rule, comment, ...).
//   - CSV cast-vote records (ReadCVR, WriteCVR): one ballot per row, a column
//     per rank, in the layouts US jurisdictions publish ("1st Choice",
//     "Choice 1 of 5", a Precinct column, overvote and undervote markers),
//     or with an explicit column map (CVROptions).
//   - JSON Lines (ReadJSONL, WriteJSONL): one JSON object per ballot, with an
//     optional header line naming the candidates.
//
// Read and Write handle any of them by Format.
//
// # Tolerant by default, strict on request
//
// Published files deviate from the formats: a byte-order mark, CRLF, blank
// and comment lines, BLT names without quotes or with a party in
// spreadsheet doubled quotes, equal rankings, pabulib META without its
// header, decimal commas. The readers accept every such Construct and
// list what they accepted in File.Deviations (one entry per construct, its
// first line and how many lines). With Options.Strict, Read refuses a file
// with any deviation, with a *DeviationError that names each one. What no
// option accepts is a *ParseError naming the line; when an option would
// accept it, ParseError.Flag names the command-line flag that does:
//
//	blt: line 6: equal ranking "2=3" (accepted with --equal-ranks=keep or --equal-ranks=truncate)
//
// errors.Is(err, ErrSyntax) matches all of them. Decoders never panic on any
// input, work in memory proportional to the input, and each has a fuzz
// target that also checks the round trip below.
//
// # Equal rankings
//
// A BLT ballot "9 2=3 1 0" ranks candidates 2 and 3 equal, then 1. By
// default (KeepEqualRanks) it is kept in ranked.Ballot.Equal: Condorcet,
// Schulze and Copeland count the tied pair as neither preferred to the
// other; instant-runoff, STV, Borda and score voting refuse the ballot with
// an error that names it. TruncateAtEqualRanks ends such a ballot before
// its first equal ranking, as the Scottish STV rules treat a paper whose
// next preference is unclear, so that every method counts it.
// RefuseEqualRanks refuses the file.
//
// # Writing back
//
// The writers are the readers' inverses: for every file a reader accepts,
// writing it and reading it back gives the same ballots and the same
// count (the fuzz targets check this on every input). A CSV cast-vote
// record keeps only rankings and weights. A writer refuses content its
// format cannot hold with an error wrapping ErrCannotWrite. WithSelected
// fills pabulib's selected column from a result.
package ballotfile
