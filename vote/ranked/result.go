package ranked

import "github.com/shopspring/decimal"

// Result is the outcome of a count with its reasoning: every round of an
// IRV or STV count, the pairwise matrix of the Condorcet methods, the
// points of Borda and score voting, and every tie broken.
type Result struct {
	Method Method `json:"method"`
	Seats  int    `json:"seats"`
	// Winners lists the elected candidates in the order they were elected
	// (by votes within a round).
	Winners []string `json:"winners"`
	// Rounds holds the rounds of IRV and STV (stages, in Scottish terms).
	Rounds []Round `json:"rounds"`
	// Ranking is the full order of the candidates, best first, for Schulze,
	// Copeland, Borda and score voting.
	Ranking []string `json:"ranking,omitempty"`
	// Scores holds each candidate's points (Borda, score), Copeland score
	// (wins + half the ties) or Schulze wins over the others.
	Scores map[string]decimal.Decimal `json:"scores,omitempty"`
	// Pairwise is the pairwise preference matrix of the Condorcet methods.
	Pairwise *Pairwise `json:"pairwise,omitempty"`
	// Ties lists every tie that had to be broken, in order.
	Ties []Tie `json:"ties,omitempty"`
	// Withdrawn lists the candidates withdrawn before the count
	// (Election.Withdrawn): they were left out of every ballot and could
	// not be elected.
	Withdrawn []string `json:"withdrawn,omitempty"`
	// Ballots is the number of ballots counted (weights included).
	Ballots int64 `json:"ballots"`
}

// Round is one round (stage) of an IRV or STV count: the tally that the
// round's decision was taken on and the decision itself.
type Round struct {
	Number int `json:"round"`
	// Threshold is the quota in force in this round.
	Threshold decimal.Decimal `json:"threshold"`
	// Tally holds the votes of every continuing and elected candidate.
	Tally map[string]decimal.Decimal `json:"tally"`
	// Exhausted is the value of ballots with no continuing preference left
	// (non-transferable).
	Exhausted decimal.Decimal `json:"exhausted"`
	// Lost is the value lost to truncating transfer values so far.
	Lost decimal.Decimal `json:"lost,omitzero"`
	// Transfers is the change of each tally (and of "exhausted") since the
	// previous round: where the votes moved by the previous decision went.
	Transfers map[string]decimal.Decimal `json:"transfers,omitempty"`
	// Elected lists the candidates elected in this round.
	Elected []string `json:"elected,omitempty"`
	// Eliminated lists the candidates eliminated in this round; their
	// ballots move on in the next round.
	Eliminated []string `json:"eliminated,omitempty"`
	// Surplus lists the elected candidates whose surplus is transferred in
	// the next round.
	Surplus []string `json:"surplus,omitempty"`
}

// Tie records a tie and how it was broken.
type Tie struct {
	Round int `json:"round,omitempty"`
	// Purpose is "elimination", "surplus", "election" or "ranking".
	Purpose string   `json:"purpose"`
	Among   []string `json:"among"`
	Chosen  string   `json:"chosen"`
	// By is the rule that decided: backwards, forwards or lot.
	By TieBreak `json:"by"`
	// Seed is the lot's seed when By is lot.
	Seed uint64 `json:"seed,omitempty"`
	// Order is, for a "ranking" tie, the order the lot put all of Among in
	// (Chosen first).
	Order []string `json:"order,omitempty"`
}

// Pairwise is the pairwise preference matrix: Wins[i][j] is the number of
// ballots ranking candidate i above candidate j (an unranked candidate is
// below every ranked one).
type Pairwise struct {
	Candidates []string  `json:"candidates"`
	Wins       [][]int64 `json:"wins"`
}
