package pb

// GreedyByVotes is the rule most city participatory budgets use: projects
// in order of votes (points for cumulative ballots, 3/2/1-style rank points
// for ordinal ballots), each funded if it still fits in the budget.
//
// Source: pabulib rule "greedy"; reproduces the official results of
// Warszawa 2017 (Praga-Północ), Katowice 2021 (Koszutka), Kraków 2020
// (Swoszowice) and Łódź 2022 as recorded by pabulib.
func GreedyByVotes() Rule { return Rule{Method: Greedy} }

// EqualSharesAdd1 is the Method of Equal Shares with cost utilities and the
// Add1 completion as used by Polish cities (pabulib rule
// "equalshares/add1"): each voter's share of the budget is raised by one
// currency unit at a time, and the last MES outcome that fits the budget is
// kept; the raising continues past outcomes that leave no fundable project
// and stops only before the first one that costs more than the budget.
// Ties: more votes, then lower cost.
//
// Source: Peters, Pierczyński, Skowron, "Proportional participatory
// budgeting with additive utilities", NeurIPS 2021; equalshares.net
// (completion "Add1"); reproduces Wieliczka 2023 "Zielony Milion" exactly
// (30 projects, 995,079 PLN), which stopping at the first exhaustive
// outcome does not (it would add projects 66 and 67 and drop 46).
func EqualSharesAdd1() Rule {
	return Rule{Method: EqualShares, Completion: Add1, UntilOverBudget: true}
}

// EqualSharesPlain returns plain MES with cost utilities and no completion.
//
// Source: Peters, Pierczyński, Skowron (NeurIPS 2021).
func EqualSharesPlain() Rule { return Rule{Method: EqualShares} }

// Presets returns every preset by name.
func Presets() map[string]Rule {
	return map[string]Rule{
		"greedy":   GreedyByVotes(),
		"mes":      EqualSharesAdd1(),
		"mes-add1": EqualSharesAdd1(),
		"mes-only": EqualSharesPlain(),

		"poznan-2023":       PoznanDistrict2023(),
		"gdynia-2020-large": GdyniaLarge2020(),
		"gdynia-2020-small": GdyniaSmall2020(),
		"wroclaw-2018":      Wroclaw2018(),
		"katowice-2020":     Katowice2020(),
		"lodz-2020":         Lodz2020(),
	}
}
