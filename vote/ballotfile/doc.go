// Package ballotfile decodes the ballot files that real elections publish
// into the inputs of the ranked and pb packages.
//
// # Formats
//
//   - BLT (ReadBLT): the OpenSTV / Electoral Reform Society format used for
//     Scottish council elections and by most STV software.
//   - pabulib .pb (ReadPB): participatory budgets with approval, cumulative,
//     ordinal or scoring ballots (pabulib.org).
//   - CSV cast-vote records (ReadCVR): one ballot per row, a column per
//     rank, with the overvote, skipped-rank and duplicate rules of the
//     jurisdiction as CVROptions.
//   - JSON Lines (ReadJSONL): one JSON object per ballot, with an optional
//     header line naming the candidates.
//
// # Errors
//
// Every decoder returns a *ParseError for a malformed file, naming the
// format and the line, so that a clerk can open the file at that line:
//
//	blt: line 7: unknown candidate number "12"
//
// errors.Is(err, ErrSyntax) matches all of them. Decoders never panic on any
// input; each has a fuzz target.
package ballotfile
