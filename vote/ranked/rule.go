package ranked

import (
	"errors"
	"fmt"

	"github.com/gongzhi/gongzhi/internal/strictjson"

	"github.com/gongzhi/gongzhi/vote"
)

// Method names a counting method. It is the "method" field of a rule config.
type Method string

// The ranked methods.
const (
	IRV       Method = "irv"       // instant-runoff, one winner
	STV       Method = "stv"       // single transferable vote, several seats
	Condorcet Method = "condorcet" // the Condorcet winner, or no winner
	Schulze   Method = "schulze"   // Schulze beatpath ranking
	Copeland  Method = "copeland"  // pairwise wins minus losses
	Borda     Method = "borda"     // positional points
	Score     Method = "score"     // sum of scores (range voting)
)

// Methods lists every Method in documentation order.
func Methods() []Method { return []Method{IRV, STV, Condorcet, Schulze, Copeland, Borda, Score} }

// Quota names how the election threshold is computed from the active vote
// total T and the number of seats S.
type Quota string

// The quotas.
const (
	// Droop is floor(T/(S+1)) + 1 whole votes, the quota of the Scottish and
	// Minneapolis rules; for one seat it is a strict majority.
	Droop Quota = "droop"
	// DroopExact is T/(S+1) plus one unit of the last decimal place, as used
	// by Meek counts (New Zealand rules).
	DroopExact Quota = "droop_exact"
	// Hare is T/S, truncated to the rule's decimal places.
	Hare Quota = "hare"
)

// Transfer names the surplus transfer method of STV.
type Transfer string

// The transfer methods.
const (
	// WIGM is the weighted inclusive Gregory method: every ballot of an
	// elected candidate moves on at a reduced value, with fixed decimal
	// places truncated (Scottish rules: 5 places).
	WIGM Transfer = "wigm"
	// Meek recomputes every elected candidate's keep factor until each
	// holds exactly a quota; exact rationals, keep factors rounded up to
	// the rule's decimal places.
	Meek Transfer = "meek"
)

// TieBreak names how ties between lowest (or highest) candidates are broken.
type TieBreak string

// The tie-breaks. Every tie-break ends with a lot drawn from Rule.Seed, and
// the draw is recorded in the Result.
const (
	// Backwards looks at the most recent earlier round in which the tied
	// candidates had different totals (Scottish rule 51, RCTab "previous
	// round"), then draws a lot.
	Backwards TieBreak = "backwards"
	// Forwards looks at the first round in which they differed.
	Forwards TieBreak = "forwards"
	// Lot draws a lot at once.
	Lot TieBreak = "lot"
)

// SurplusOrder says how pending surpluses of STV winners are transferred.
type SurplusOrder string

// The surplus orders.
const (
	// LargestFirst transfers one surplus per round, the largest first
	// (Scottish rule 48: ties by earlier rounds, then lot).
	LargestFirst SurplusOrder = "largest_first"
	// AllTogether transfers the surpluses of every candidate elected in a
	// round together in the next round (RCTab
	// multiWinnerAllowMultipleWinnersPerRound).
	AllTogether SurplusOrder = "all_together"
)

// BordaVariant says how Borda treats truncated ballots (ballots that do not
// rank every candidate). With n candidates the candidate ranked at position
// p (0-based) gets n-1-p points in every variant.
type BordaVariant string

// The Borda variants.
const (
	// BordaZero gives unranked candidates 0 points.
	BordaZero BordaVariant = "zero"
	// BordaAverage shares the points left over among the unranked
	// candidates equally (each gets the average of the unused positions).
	BordaAverage BordaVariant = "average"
	// BordaModified (Emerson's modified Borda count): a ballot ranking k
	// candidates gives k-p points to position p and 0 to the unranked, so
	// ranking fewer candidates never helps.
	BordaModified BordaVariant = "modified"
)

// Rule configures a ranked count. The zero value of each field is a
// documented default; only Method is required. A Rule marshals to and from
// JSON; load configs with ParseRule, which rejects unknown fields.
type Rule struct {
	// Method is the counting method (required).
	Method Method `json:"method"`
	// Seats is the number of winners; 0 means the ballot file's value, or 1.
	// IRV, Condorcet always have 1 seat.
	Seats int `json:"seats,omitempty"`
	// Quota is the threshold of IRV and STV; "" means Droop. IRV recomputes
	// it every round from the continuing ballots (a majority of continuing
	// votes).
	Quota Quota `json:"quota,omitempty"`
	// QuotaEachRound makes STV recompute the quota every round from the
	// active (non-exhausted) votes; by default it is fixed in round 1.
	QuotaEachRound bool `json:"quota_each_round,omitempty"`
	// Transfer is the STV surplus transfer; "" means WIGM.
	Transfer Transfer `json:"transfer,omitempty"`
	// Decimals is the number of decimal places of STV transfer values,
	// truncated (never rounded up, except Meek keep factors which round up).
	// 0 means 5 for WIGM (Scottish rule 48) and 9 for Meek. At most 9.
	Decimals int `json:"decimals,omitempty"`
	// RoundSurplusFraction makes WIGM compute surplus/total once, truncated
	// to Decimals, and multiply each ballot's value by it, truncating again
	// (RCTab). By default each ballot's new value is
	// trunc(value*surplus/total) (Scottish rule 48(3)).
	RoundSurplusFraction bool `json:"round_surplus_fraction,omitempty"`
	// SurplusOrder is the order of STV surplus transfers; "" means
	// largest_first.
	SurplusOrder SurplusOrder `json:"surplus_order,omitempty"`
	// FinalSurplusRound adds one last round, after every seat is filled,
	// that transfers the outstanding surpluses, as RCTab reports show.
	FinalSurplusRound bool `json:"final_surplus_round,omitempty"`
	// BatchElimination eliminates at once every candidate of the largest
	// group of lowest candidates whose combined votes are fewer than the
	// votes of the next candidate up (they cannot overtake anyone), as in
	// the Minneapolis rules (Minneapolis Code 167.70) and RCTab.
	BatchElimination bool `json:"batch_elimination,omitempty"`
	// EliminateFirst names candidates eliminated in round 1 before any
	// other elimination, if nobody is elected in round 1. RCTab treats
	// "Undeclared Write-ins" this way.
	EliminateFirst []string `json:"eliminate_first,omitempty"`
	// TieBreak breaks ties for elimination and surplus order; "" means
	// backwards.
	TieBreak TieBreak `json:"tie_break,omitempty"`
	// Seed seeds the lot; it is recorded with every draw.
	Seed uint64 `json:"seed,omitempty"`
	// Borda is the Borda variant for truncated ballots; "" means zero.
	Borda BordaVariant `json:"borda,omitempty"`
	// MaxScore is the highest score a score ballot may give (required for
	// score voting); the lowest is 0.
	MaxScore int64 `json:"max_score,omitempty"`
}

// ParseRule decodes a JSON rule config and validates it. Unknown fields,
// duplicate keys, keys that differ from a field only by case, wrong types
// and impossible values are rejected with a *vote.ConfigError naming the
// field (errors.Is(err, vote.ErrInvalidConfig)).
func ParseRule(data []byte) (Rule, error) {
	var r Rule
	if err := strictjson.Decode(data, &r); err != nil {
		return Rule{}, jsonConfigError(err)
	}
	if err := r.Validate(); err != nil {
		return Rule{}, err
	}
	return r, nil
}

// jsonConfigError turns a strictjson error into a *vote.ConfigError naming
// the field ("(document)" for the whole document).
func jsonConfigError(err error) error {
	var ce *vote.ConfigError
	if errors.As(err, &ce) {
		return ce
	}
	f, reason := "(document)", err.Error()
	var se *strictjson.Error
	if errors.As(err, &se) {
		reason = se.Reason
		if se.Field != "" {
			f = se.Field
		}
	}
	return &vote.ConfigError{Field: f, Reason: reason}
}

// Validate reports the first invalid field of r as a *vote.ConfigError.
func (r Rule) Validate() error {
	bad := func(field, format string, args ...any) error {
		return &vote.ConfigError{Field: field, Reason: fmt.Sprintf(format, args...)}
	}
	switch r.Method {
	case IRV, STV, Condorcet, Schulze, Copeland, Borda, Score:
	case "":
		return bad("method", "missing; one of %v", Methods())
	default:
		return bad("method", "unknown method %q; one of %v", r.Method, Methods())
	}
	if r.Seats < 0 {
		return bad("seats", "must not be negative, got %d", r.Seats)
	}
	if (r.Method == IRV || r.Method == Condorcet) && r.Seats > 1 {
		return bad("seats", "%s elects one candidate, got %d", r.Method, r.Seats)
	}
	switch r.Quota {
	case "", Droop, DroopExact, Hare:
	default:
		return bad("quota", "unknown quota %q; one of droop, droop_exact, hare", r.Quota)
	}
	switch r.Transfer {
	case "", WIGM:
	case Meek:
		if r.Method != STV {
			return bad("transfer", "meek applies to method stv only")
		}
	default:
		return bad("transfer", "unknown transfer %q; one of wigm, meek", r.Transfer)
	}
	if r.Decimals < 0 || r.Decimals > 9 {
		return bad("decimals", "must be between 0 and 9, got %d", r.Decimals)
	}
	switch r.SurplusOrder {
	case "", LargestFirst, AllTogether:
	default:
		return bad("surplus_order", "unknown order %q; one of largest_first, all_together", r.SurplusOrder)
	}
	switch r.TieBreak {
	case "", Backwards, Forwards, Lot:
	default:
		return bad("tie_break", "unknown tie-break %q; one of backwards, forwards, lot", r.TieBreak)
	}
	switch r.Borda {
	case "", BordaZero, BordaAverage, BordaModified:
	default:
		return bad("borda", "unknown variant %q; one of zero, average, modified", r.Borda)
	}
	if r.Borda != "" && r.Method != Borda {
		return bad("borda", "applies to method borda only")
	}
	if r.Method == Score && r.MaxScore <= 0 {
		return bad("max_score", "score voting needs a positive max_score, got %d", r.MaxScore)
	}
	if r.Method != Score && r.MaxScore != 0 {
		return bad("max_score", "applies to method score only")
	}
	seen := map[string]bool{}
	for i, c := range r.EliminateFirst {
		if c == "" || seen[c] {
			return bad(fmt.Sprintf("eliminate_first[%d]", i), "empty or repeated candidate %q", c)
		}
		seen[c] = true
	}
	if r.Transfer == Meek && (r.BatchElimination || r.RoundSurplusFraction) {
		return bad("transfer", "meek cannot be combined with batch_elimination or round_surplus_fraction")
	}
	return nil
}

func (r Rule) decimals() int {
	if r.Decimals != 0 {
		return r.Decimals
	}
	if r.Transfer == Meek {
		return 9
	}
	if r.Method == STV {
		return 5
	}
	return 0
}

func (r Rule) tieBreak() TieBreak {
	if r.TieBreak == "" {
		return Backwards
	}
	return r.TieBreak
}

func (r Rule) seats(e Election) int {
	switch {
	case r.Method == IRV || r.Method == Condorcet:
		return 1
	case r.Seats > 0:
		return r.Seats
	case e.Seats > 0:
		return e.Seats
	}
	return 1
}
