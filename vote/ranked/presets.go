package ranked

// UndeclaredWriteIns is the candidate name that RCTab and the BLT files made
// from Minneapolis cast-vote records use for write-in votes.
const UndeclaredWriteIns = "Undeclared Write-ins"

// MinneapolisIRV is single-winner ranked-choice voting as Minneapolis counts
// it: a candidate wins with a majority of the continuing ballots (the quota
// is recomputed every round); candidates who mathematically cannot win are
// eliminated together (batch elimination); undeclared write-ins are
// eliminated in round 1; remaining ties are decided by lot.
//
// Source: Minneapolis Code of Ordinances, ch. 167 (167.60 single-seat
// tabulation, 167.70 batch elimination); RCTab "Minneapolis Rules" config of
// the 2017 mayoral election (BrightSpots/rcv test data). Reproduces the 2017
// mayoral count round by round (Jacob Frey, 6 rounds).
func MinneapolisIRV() Rule {
	return Rule{Method: IRV, BatchElimination: true, EliminateFirst: []string{UndeclaredWriteIns}, TieBreak: Lot}
}

// MinneapolisSTV is multi-seat ranked-choice voting as Minneapolis counts it
// (RCTab "Minneapolis Rules", multiWinnerAllowMultipleWinnersPerRound): Droop
// quota fixed in round 1; every candidate reaching it is elected in the same
// round, and all their surpluses move together in the next round as a
// fraction of surplus/votes truncated to 4 decimal places; when every seat is
// filled, a last round transfers the outstanding surplus for the record.
//
// Source: Minneapolis Code of Ordinances 167.80 (multiple-seat tabulation,
// fractional transfer to four decimal places); RCTab config of the 2013 Park
// Board at-large election. Reproduces its 11 rounds (Erwin, Young, Forney).
func MinneapolisSTV(seats int) Rule {
	return Rule{Method: STV, Seats: seats, Decimals: 4, RoundSurplusFraction: true, SurplusOrder: AllTogether,
		FinalSurplusRound: true, EliminateFirst: []string{UndeclaredWriteIns}, TieBreak: Lot}
}

// ScottishSTV is the single transferable vote of Scottish local government
// elections: Droop quota on the valid ballots, weighted inclusive Gregory
// transfers with transfer values truncated to 5 decimal places, one surplus
// per stage (largest first), then exclusion of the lowest candidate; ties
// are broken by the earliest stage at which the candidates differed, then
// by lot.
//
// Source: The Scottish Local Government Elections Order 2007 (SSI 2007/42),
// schedule 1, rules 46-51. Reproduces North Lanarkshire 2012, Cumbernauld
// South (Goldie, Graham, Muir, Hogg) stage by stage.
func ScottishSTV(seats int) Rule {
	return Rule{Method: STV, Seats: seats, Transfer: WIGM, Decimals: 5, TieBreak: Forwards}
}

// MeekSTV is Meek's method: every elected candidate keeps a fraction of each
// vote reaching them (the keep factor) so that each holds exactly a quota,
// and the rest flows on, recomputed until stable; excluded candidates keep
// nothing. Quota T/(S+1) on the votes not exhausted, recomputed each
// iteration; keep factors rounded up to 9 decimal places; votes are exact
// rationals.
//
// Source: I. D. Hill, B. A. Wichmann, D. R. Woodall, "Algorithm 123: Single
// Transferable Vote by Meek's method", Computer Journal 30(3), 1987; New
// Zealand Local Electoral Regulations 2001, schedule 1A.
func MeekSTV(seats int) Rule {
	return Rule{Method: STV, Seats: seats, Transfer: Meek, Quota: DroopExact, TieBreak: Backwards}
}

// Presets returns every ranked preset for a number of seats, by name.
func Presets(seats int) map[string]Rule {
	return map[string]Rule{
		"minneapolis-irv": MinneapolisIRV(),
		"minneapolis-stv": MinneapolisSTV(seats),
		"scottish-stv":    ScottishSTV(seats),
		"meek-stv":        MeekSTV(seats),
		"schulze":         {Method: Schulze, Seats: seats},
		"copeland":        {Method: Copeland, Seats: seats},
		"borda":           {Method: Borda, Seats: seats},
	}
}
