package pb

import "github.com/shopspring/decimal"

// Result is the outcome of a participatory-budgeting count and its
// reasoning.
type Result struct {
	Method Method          `json:"method"`
	Budget decimal.Decimal `json:"budget"`
	// Winners lists the selected project ids in the order they were chosen.
	Winners []string `json:"winners"`
	// Cost is the total cost of the selected projects.
	Cost decimal.Decimal `json:"cost"`
	// Rounds holds one step per decision, in order.
	Rounds []Round `json:"rounds"`
	// Share is each voter's share of the budget in the MES run that was
	// kept (after Add1 increases), as an exact fraction.
	Share string `json:"share,omitempty"`
	// Steps counts the Add1 increases that were kept.
	Steps int `json:"steps,omitempty"`
	// Search is how Add1 found them (linear or bisect); empty without Add1.
	Search Search `json:"search,omitempty"`
	// Voters is the number of ballots counted.
	Voters int `json:"voters"`
	// Budgets gives, for MES, every voter's money left at the end of the
	// MES run that was kept (before any utilitarian completion), grouped by
	// amount; voters are listed in ballot order.
	Budgets []VoterBudget `json:"budgets,omitempty"`
}

// VoterBudget is a group of voters left with the same money after MES.
type VoterBudget struct {
	Left   string   `json:"left"` // exact fraction
	Voters []string `json:"voters"`
}

// Round is one decision of a count: a project considered by greedy, or a
// project bought by MES with who paid what.
type Round struct {
	Number  int    `json:"round"`
	Project string `json:"project"`
	// Phase is "greedy", "mes" or "completion".
	Phase    string          `json:"phase"`
	Cost     decimal.Decimal `json:"cost"`
	Score    decimal.Decimal `json:"score"`
	Selected bool            `json:"selected"`
	// Reason says why in words a clerk can repeat.
	Reason string `json:"reason"`
	// Left is the budget left after this round.
	Left decimal.Decimal `json:"left"`
	// Rho is the MES price per unit of utility, as an exact fraction.
	Rho string `json:"rho,omitempty"`
	// Payments groups the supporters of an MES purchase by what each paid
	// and what each has left.
	Payments []Payment `json:"payments,omitempty"`
}

// Payment is a group of voters who paid the same amount for an MES purchase
// and have the same budget left, both exact fractions.
type Payment struct {
	Voters int    `json:"voters"`
	Paid   string `json:"paid"`
	Left   string `json:"left"`
}
