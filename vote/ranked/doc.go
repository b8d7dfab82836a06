// Package ranked counts ranked-ballot elections: instant-runoff (IRV),
// single transferable vote (STV) with the weighted inclusive Gregory method
// or Meek's method, the Condorcet family (Condorcet winner, Schulze,
// Copeland), Borda with its variants for truncated ballots, and score
// voting. Every count returns its reasoning as data (Result.Rounds, the
// pairwise matrix, the points, every tie broken) and as text
// (Result.Explain).
//
// # Rules are data
//
// A Rule is a JSON config with a "method" field; ParseRule rejects unknown
// fields and impossible values with a *vote.ConfigError naming the field.
// Every variant needed to reproduce an official count is a documented
// field, not a special case:
//
//   - quota (droop, droop_exact, hare) and quota_each_round;
//   - transfer (wigm, meek), decimals (truncated), round_surplus_fraction;
//   - surplus_order (largest_first, all_together), final_surplus_round;
//   - batch_elimination, eliminate_first (RCTab's undeclared write-ins);
//   - tie_break (backwards, forwards, lot) with a recorded seed.
//
// Presets return the rules of real jurisdictions, citing their sources:
// MinneapolisIRV, MinneapolisSTV, ScottishSTV, MeekSTV.
//
// # Exact arithmetic
//
// IRV and WIGM count in fixed-point integers of 10^-decimals vote and
// truncate transfer values exactly as the rule says (Scottish rules: 5
// places; Minneapolis: 4). Meek's keep factors are rounded up to decimals
// places and every vote is an exact multiple of 10^-(decimals*(seats+1)),
// held in big integers. No count uses floating point.
//
// # Hostile input
//
// Weights add up exactly: an election whose weights pass math.MaxInt64 is
// refused, Borda and score points are summed in 128 bits. Withdrawn
// candidates (Election.Withdrawn) are never elected, and an election with
// no eligible candidate or no ballot for one is refused (ErrNoCandidates,
// ErrNoBallots) rather than decided by lot. Methods whose cost grows
// faster than the input check Limits before they start (a *LimitError
// names the limit), and TallyContext stops a long count when its context
// is done.
//
// # Proven on real elections
//
// The tests reproduce, from the ballot files in ../testdata/elections:
// the 2017 Minneapolis mayoral election round by round (batch elimination,
// and plain IRV to the same final round), the 2013 Minneapolis Park Board
// at-large count (3 seats, 11 rounds), and North Lanarkshire 2012,
// Cumbernauld South (Scottish STV, 4 seats, the official stage table to
// the hundredth of a vote).
//
// # Determinism
//
// Tally is a pure function: the order of the ballots never changes the
// result, and a tie decided by lot depends only on Rule.Seed and the
// number of draws so far, both recorded in Result.Ties.
package ranked
