package pb

// The city presets below reproduce official selections that plain greedy
// (GreedyByVotes) does not. Each names its source and a label: verified
// means it reproduces the official first-stage selection (the `selected`
// column = 1 in pabulib) of every file of that city-year in the tests, with
// any exception listed; illustrative means a documented rule that the data
// supports but whose published text we could not read.
//
// Data: pabulib files as distributed in COMSOC-Community/pabutools
// (tests/pabulib/All, commit 33b85752), see ../testdata/elections/SOURCES.md.

// PoznanDistrict2023 is the district rule of the Poznań civic budget 2023
// (PBO23): projects in order of votes, funded while they fit in the
// district's pool; the list stops at the first project that does not fit
// (no cheaper project further down is funded from what is left). What
// every district leaves over is pooled city-wide and funds the unfunded
// projects with the most votes (pabulib marks them selected = 2); that
// second stage spans all districts and is not part of this rule.
//
// Source: pabulib META "comment" of the Poznań 2023 files (second stage);
// the stopping rule is read from the official selections: it reproduces
// the first stage of all 15 Poznań 2023 files, which skipping greedy
// reproduces in only 5.
//
// Label: verified (15 of 15 files).
func PoznanDistrict2023() Rule {
	return Rule{Method: Greedy, StopAtFirstMisfit: true}
}

// GdyniaLarge2020 is the rule for large district projects of the Gdynia
// civic budget 2020: projects in order of votes, funded while they fit in
// the district's large-project pool (90% of the district's amount, the
// budget the pabulib files state); the list stops at the first project
// that does not fit.
//
// Source: bo.gdynia.pl, "Civic Budget 2020 in Gdynia" and the BO guide
// (district projects small and large, large up to 90% of the district's
// amount; unspent district money returns to next year's pools rather than
// funding projects further down); stopping read from the official
// selections.
//
// Label: verified (21 of 21 district large-project files).
func GdyniaLarge2020() Rule {
	return Rule{Method: Greedy, StopAtFirstMisfit: true}
}

// GdyniaSmall2020 is the rule for small district projects (up to 10,000
// PLN each) of the Gdynia civic budget 2020: the small-project pool is 10%
// of the district's amount, that is 1/9 of the large-project pool that the
// pabulib files state as the budget; projects in order of votes while they
// fit, stopping at the first that does not.
//
// Source: as GdyniaLarge2020; the 10% / 90% split of each district's
// amount.
//
// Label: verified with one exception (20 of 21 district small-project
// files): in Orłowo the fifth project (2, 5,995 PLN, 43 votes) fits in the
// pool (40,035 of 41,780) but was not selected, and no rule we found
// explains it.
func GdyniaSmall2020() Rule {
	return Rule{Method: Greedy, StopAtFirstMisfit: true, Pool: &Fraction{Num: 1, Den: 9}}
}

// Wroclaw2018 is the rule of the Wrocław civic budget (WBO) 2018, district
// and city-wide pools: projects in order of votes while they fit, stopping
// at the first that does not.
//
// Source: the official selections in pabulib: it reproduces all 30
// Wrocław 2018 files (skipping greedy misses the "cultural" pool), and the
// 2019-2021 files we checked (6 of 6).
//
// Label: verified (30 of 30 files).
func Wroclaw2018() Rule {
	return Rule{Method: Greedy, StopAtFirstMisfit: true}
}

// Katowice2020 is greedy by points on the cumulative ballots of the
// Katowice civic budget, 2020 and 2021 editions, funding only projects
// with at least 50 points: the official selections never fund a project
// with fewer, even when it fits (Koszutka 2020: 20 points; Kostuchna 2021:
// 47), and fund every one with more that fits.
//
// Source: the official selections in pabulib; any minimum from 48 to 55
// points reproduces all 46 files of 2020 and 2021 (plain greedy: 32). We
// could not read the regulation that sets the minimum, so 50 is an
// inference from the data.
//
// Label: illustrative (reproduces 46 of 46 files, the threshold is not
// from a published text).
func Katowice2020() Rule {
	return Rule{Method: Greedy, MinScore: 50}
}

// Lodz2020 is the rule of the Łódź civic budget (ŁBO) for district
// (osiedlowe) projects, editions 2020/2021 and 2022: projects in order of
// votes, funded while they fit in the district's pool, and only if they
// received at least 50 valid votes.
//
// Source: uml.lodz.pl, "Zasady ŁBO 2019/2020", rule 7 ("Aby projekt mógł
// zostać wybrany do realizacji musi uzyskać nie mniej niż 50 ważnych
// głosów"), resolution VI/199/19 of the Łódź City Council of 6 March 2019;
// reproduces every district file of 2020 (36) and 2022 (36), where plain
// greedy funds a project with 21 (Nr 33, 2020) and 36 votes (Zdrowie-Mania,
// 2022).
//
// Label: verified (72 of 72 district files).
func Lodz2020() Rule {
	return Rule{Method: Greedy, MinScore: 50}
}
