// Package sheet turns a clerk's tally sheet, as rows of cells, into the
// ballots and poll of a vote rule, so that paper ballots counted into a
// spreadsheet can be tallied by the vote package.
//
// Three layouts are read (Layout), in Chinese or English headers:
//
//   - ballots: one row per paper ballot and one column per option (a mark
//     is a vote; a satisfaction sheet holds levels, a motion sheet a
//     choice column, an election sheet may add a write-ins column). Each
//     ballot can be audited.
//   - counts: one row per option with its total, when only totals were
//     recorded. The ballots are rebuilt from the totals, so the result is
//     the same but nothing can be audited per ballot (Info.Auditable is
//     false). Ballot statistics below the totals (发出选票, 收回选票 or
//     投票人数, 有效票, 无效票) are checked against each other and never read
//     as options; invalid ballots cannot be rebuilt from totals and are a
//     bad row (RowInvalidInCounts).
//   - households: owners' decisions, one row per exclusive unit with its
//     owner, area and choice (同意/反对/弃权); owners are counted by
//     vote.CountOwners (one owner of several units once, unsold units once
//     as the developer). A totals row (合计) is checked against the areas
//     above, never read as a unit.
//
// A line a clerk writes below the table, a signature (计票人：…, 监票人),
// a date alone (2025年12月6日) or a remark (备注…), is a bad row
// (RowFooterLine), never a blank ballot, an option or a unit: delete it
// from the rows, or skip it with Options.SkipBadRows. A blank ballot is a
// numbered row without marks.
//
// A value in a column the header does not name (right of its last cell,
// or under an empty one) is a bad row too (RowUnheadedCell): it would be
// dropped, as a count "1,234" written without quotes reads as 1 and 234.
//
// Every bad row is reported with its row number (the header is row 1) and
// what is wrong, and nothing is read until the sheet is clean, unless
// Options.SkipBadRows is set, in which case the bad rows are listed in
// Info.Skipped. Decoding files (CSV encodings, spreadsheets) is left to
// the caller: this package sees only [][]string.
package sheet
