// Package vote implements the voting rules used in community
// self-governance and the ballot boxes that collect their ballots.
//
// # Rules are data
//
// A Rule says how ballots are counted. Its Method field names the counting
// method, so a JSON rule config is self-describing:
//
//	{"method":"approval","votes":5,
//	 "threshold":{"num":4,"den":5,"inclusive":false,"base":"cast"},
//	 "select":2}
//
// ParseRule loads such a config strictly (unknown fields and impossible
// values are *ConfigError naming the field); ParsePoll loads a whole poll
// definition, DecodeBallot one ballot, and PeekMethod reads only the
// method, for tools that dispatch to vote/ranked or vote/pb. Presets return ready-made
// rules with their legal sources:
//
//   - ProjectPriorities: limited approval with a support bar and top-m
//     priorities (the annual co-governance meeting); LimitedApproval and
//     Cumulative for other budgets.
//   - SatisfactionSurvey: ordered satisfaction levels and a satisfaction
//     rate per option and overall.
//   - OwnersOrdinary, OwnersSpecial, OwnersDecision: the owners' double
//     majority of Civil Code art. 278, by Matter; CountOwners applies the
//     Supreme People's Court counting rules (registered area, one head per
//     unit, one head per multi-unit buyer, one head for all unsold units).
//   - CommitteeElection: a residents' or villagers' committee election
//     with turnout, majority, revote on ties and a runoff (另行选举) that
//     RunoffPoll turns into the second poll; Rule.WriteIns admits names
//     that are not on the list (另选其他选民). BeijingResidentsElection
//     and BeijingVillageElection add Beijing's list sizes. Recall,
//     ResidentsMeeting, RepresentativesAssembly and Motion cover
//     yes/no/abstain decisions.
//
// # Thresholds are exact
//
// A Threshold is a Ratio (Num/Den, inclusive for 以上 "at least", strict
// for 超过/过半数 "more than") applied to a Base: the ballots cast, the
// valid ballots, or the eligible voters. Comparisons cross-multiply
// integers (and decimals for areas); no float is involved. "Over 80%" of
// 46 ballots needs 37 votes; 36 is not enough.
//
// # Tallies are pure and explained
//
// Tally and TallySeq count ballots for a Poll (its Rule, Options and
// eligibility list) with no clock or hidden randomness. The Result lists
// every count, every threshold applied with its numbers (Checks), the
// options that passed and were selected, ties and how the rule broke them
// (a declared order, or a lot drawn from a seed recorded in the result),
// revotes and runoffs still needed, and a narrative (Steps). Explain
// renders it for people and JSON round-trips it. TallySeq streams the
// ballots, so millions need not sit in memory.
//
// # Ballot boxes
//
// A Service runs a Poll through draft, open, closed and tallied over a
// Store. Cast checks each ballot against the rule and the eligibility list
// and stores it atomically: one voter, one ballot; a retry returns the
// first Receipt; a different second ballot is ErrAlreadyVoted. Where the
// rule allows changing one's vote, Change replaces it, naming the version
// it replaces, so a delayed retry of an older ballot is refused instead of
// reverting a newer one. Receipts are salted per ballot (NewReceipt), so
// Verify is no oracle for anyone without the receipt. Import casts many
// ballots at once, all or none on a BulkStore. In a secret poll the store
// keeps participation marks and anonymous ballots apart. Once a poll
// opens, its definition and voter roll are frozen in the store
// (Poll.CheckUpdate). Closing fixes the number of people who voted and a
// Digest, a hash chain from the voter roll over the canonical ballot list,
// so any inserted, removed or altered ballot, or a changed roll, is
// detected; voters check their Receipt against the published list.
// Service.Tally refuses ballots that no longer match the digest, and
// Service.Audit re-counts a tallied poll and compares digest and result.
// Post and Object keep the publicity record of the result (公示).
//
// Secret polls are unlinkable but not receipt-free: see Receipt and
// SECURITY.md.
//
// MemStore is the in-memory Store. Other stores (adapters/postgres) run the
// conformance suite in vote/votetest.
//
// # Errors
//
// Invalid input is rejected with a typed error and changes nothing:
// *ConfigError (ErrInvalidConfig), *PollError (ErrInvalidPoll),
// *BallotError (ErrInvalidBallot), *StateError (ErrWrongState), and the
// sentinels ErrNotFound, ErrExists, ErrConflict, ErrAlreadyVoted,
// ErrNotEligible and ErrDigestMismatch.
package vote
