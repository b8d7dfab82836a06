// Package pb counts participatory budgets: greedy selection by votes or
// points within the budget (the rule most city platforms use) and the
// Method of Equal Shares (MES) with its completions, over approval,
// cumulative, ordinal and scoring ballots.
//
// # Rules
//
// A Rule is a JSON config with a "method" field (greedy or mes); ParseRule
// rejects unknown fields with a *vote.ConfigError naming the field. The
// variants are documented fields: score and rank_points for greedy;
// utility (cost, approval, points), completion (none, add1,
// add1_utilitarian, utilitarian), step, floor_share and
// until_over_budget for MES; tie_break for both.
//
// # Exact arithmetic
//
// Costs and budgets are decimals. MES splits the budget into exact shares:
// every voter's remaining money is a fraction over one common denominator
// held in big integers, so prices, payments and comparisons are exact.
// Result.Rounds records, for every purchase, the price per unit of
// utility and the groups of supporters with what each paid and has left.
//
// The Add1 completion never stops silently: the linear search (Search
// linear, the default) tries at most the steps it takes for the share to
// exceed the cost of all projects (after that nothing changes), and fails
// with a *StepLimitError if Rule.MaxSteps comes first; the bisect search
// finds the same share in about 4*log2(steps) runs whatever the budget.
// TallyContext stops a long count when its context is done.
//
// The Add1 completion reruns MES once per share it tries (164 times for
// Wieliczka 2023). Those runs only need the selection, so under cost or
// approval utilities they count in fixed-width integers (up to 512 bits,
// voters with identical ballots counted together) and make the same exact
// comparisons; should a number outgrow the width, the run is repeated in
// big integers. The run that is reported is always counted in big
// integers with its payments.
//
// # Proven on real budgets
//
// The tests reproduce the official selections of Warszawa 2017
// (Praga-Północ), Katowice 2021 (Koszutka), Kraków 2020 (Swoszowice) and
// Łódź 2022 by greedy, and Wieliczka 2023 by MES with the Add1 completion
// (preset EqualSharesAdd1). Stopping Add1 at the first exhaustive outcome,
// as pabutools and the equalshares.net reference code do, selects projects
// 66 and 67 instead of 46; continuing until the next outcome would exceed
// the budget (until_over_budget) gives the official 30 projects.
//
// Where a city's official selection is not plain greedy, its rule is a
// documented field and a preset, checked on every file of the city-year:
// the list stopping at the first project that does not fit
// (PoznanDistrict2023, GdyniaLarge2020, Wroclaw2018), a pool that is a
// share of the stated budget (GdyniaSmall2020), a minimum of votes or
// points (Lodz2020, Katowice2020). ../testdata/elections/SOURCES.md lists
// what was checked and the selections no published rule explains.
package pb
