package vote

// Presets are functions that return a fresh Rule each time; callers may
// change the copy freely. Each cites its source.

// ProjectPriorities is the project vote of the annual co-governance
// meeting (Shuangjing, Chaoyang, 2021-12-30): each representative has 5 votes, at most one per
// project; a project passes with a support rate over 80% of the ballots
// cast, and the 2 most-voted passed projects become the year's priorities.
//
// Source: public report of the Shuangjing subdistrict (Chaoyang, Beijing)
// annual co-governance meeting of 2021-12-30 with 46 representatives.
// The 80% bar and "5 votes, one per project" are from the
// report. The report does not say what the rate is taken of; this preset
// uses the ballots cast (set Threshold.Base to BaseEligible for "of all
// representatives"). Ties are left open, as the report names no tie rule.
func ProjectPriorities() Rule {
	return Rule{
		Method:    MethodApproval,
		Name:      "project support and priorities",
		Source:    "Shuangjing subdistrict (Chaoyang) annual co-governance meeting report, 2021-12-30",
		Votes:     5,
		Threshold: &Threshold{Ratio: MoreThan(4, 5), Base: BaseCast},
		Select:    2,
	}
}

// LimitedApproval is approval voting with votes marks per ballot, at most
// one per option; options pass with support meeting threshold (nil: all
// pass) and the top selectTop passed options are selected. votes = 0 is
// plain approval (any number of marks).
func LimitedApproval(votes int, threshold *Threshold, selectTop int) Rule {
	return Rule{Method: MethodApproval, Name: "limited approval", Votes: votes, Threshold: threshold, Select: selectTop}
}

// Cumulative is cumulative voting: votes per ballot, at most perOption on
// one option, the top selectTop options selected.
func Cumulative(votes, perOption, selectTop int) Rule {
	return Rule{Method: MethodCumulative, Name: "cumulative vote", Votes: votes, PerOption: perOption, Select: selectTop}
}

// SatisfactionSurvey is the three-level satisfaction vote on completed
// projects (满意 / 基本满意 / 不满意): the satisfaction rate counts
// "satisfied" and "basically satisfied" answers against the valid ballots.
// No pass bar is set; add a Threshold to make one.
//
// Source: the satisfaction vote on last year's ten projects at the
// Shuangjing annual meeting of 2021-12-30; the three levels are the usual
// form of Beijing's 满意度 surveys (illustrative).
func SatisfactionSurvey() Rule {
	return Rule{
		Method:    MethodSatisfaction,
		Name:      "satisfaction survey",
		Source:    "Shuangjing subdistrict (Chaoyang) annual co-governance meeting report, 2021-12-30; levels illustrative",
		Levels:    []string{"satisfied", "basically-satisfied", "dissatisfied"},
		Satisfied: []string{"satisfied", "basically-satisfied"},
	}
}

// OwnersOrdinary is the owners' vote on ordinary matters (items 1-5 and 9
// of art. 278: rules, statute, committee, property manager, using the
// maintenance fund, other major matters). Owners with at least 2/3 of the
// exclusive area and at least 2/3 of the headcount must take part;
// approval needs more than half of the participating area and more than
// half of the participating owners.
//
// Source: Civil Code of the PRC (民法典), art. 278, para. 2.
func OwnersOrdinary() Rule { return OwnersDecision(MatterOther) }

// OwnersSpecial is the owners' vote on raising the maintenance fund,
// rebuilding, or changing the use of common parts (items 6-8 of art. 278),
// which includes retrofitting a lift. Owners with at least 2/3 of the
// exclusive area and 2/3 of the headcount must take part; approval needs at
// least 3/4 of the participating area and of the participating owners.
//
// Source: Civil Code of the PRC (民法典), art. 278, para. 2.
func OwnersSpecial() Rule { return OwnersDecision(MatterRebuild) }

// OwnersDecision is the owners' double majority for matter m with the
// legal thresholds of art. 278 (see Matter.Legal). Count owners with
// CountOwners.
//
// Source: Civil Code of the PRC (民法典), art. 278; counting per the
// Supreme People's Court interpretation on building-unit ownership
// disputes (2009, amended 2020), arts. 8-9. The decision is posted within
// 3 days (Rule.Posting; Beijing Property Management Regulation, 2024,
// art. 37).
func OwnersDecision(m Matter) Rule {
	q, a := m.Legal()
	name := "owners' decision: " + m.String()
	return Rule{
		Method:    MethodDoubleMajority,
		Name:      name,
		Source:    "Civil Code art. 278; SPC interpretation on building-unit ownership (2020) arts. 8-9",
		Matter:    m,
		Quorum:    &Threshold{Ratio: q, Base: BaseEligible},
		Threshold: &Threshold{Ratio: a, Base: BaseCast},
		Posting:   &Posting{WithinDays: 3, Source: "Beijing Property Management Regulation (2024) art. 37: decisions posted within 3 days"},
	}
}

// CommitteeElection is a residents' or villagers' committee election with
// seats seats (差额选举): a ballot naming more candidates than seats is
// invalid; the election is valid only if more than half of the registered
// voters vote (and void if more ballots are returned than voters
// registered); a candidate needs more than half of the ballots cast and
// winners are taken in order of votes; a tie at the last seat is left for
// a revote among the tied; empty seats go to a runoff among the best-placed
// unelected candidates (one more than the empty seats), where the most
// votes win but a winner needs at least 1/3 of the ballots cast. The result
// is announced on the spot. A ballot may name a voter who is not a
// candidate (另选他人), counted per name written.
//
// Source: Organic Law of the Villagers' Committees (村民委员会组织法,
// 2018) art. 15 (para. 2: validity, majority and runoff; para. 3: "选举
// 结果应当当场公布"); Beijing Villagers' Committee Election Measures
// (北京市村民委员会选举办法) arts. 16, 28-30. Beijing's residents'
// committee rules follow the same template: the Urban Residents' Committee
// Organic Law (2018) and Beijing's implementing measures (1991) have no
// article on the count, and the articles of the 2025 residents' committee
// law were not verified.
//
// Write-ins are illustrative: none of the committee texts read (the two
// organic laws of 2018, Beijing's 1991 measures) mentions them, nor makes
// a ballot that names another voter invalid; the Electoral Law
// (选举法, 2020) art. 41 gives voters for people's congress deputies the
// right to "另选其他任何选民", and committee ballots carry a 另选他人
// column in practice (not verified in a committee rule).
func CommitteeElection(seats int) Rule {
	return Rule{
		Method:         MethodElection,
		Name:           "committee election",
		Source:         "Villagers' Committee Organic Law (2018) art. 15; Beijing village election measures arts. 28-30",
		Seats:          seats,
		Quorum:         &Threshold{Ratio: MoreThan(1, 2), Base: BaseEligible},
		Threshold:      &Threshold{Ratio: MoreThan(1, 2), Base: BaseCast},
		Runoff:         &Runoff{Threshold: Threshold{Ratio: AtLeast(1, 3), Base: BaseCast}, Extra: 1},
		WriteIns:       true,
		WriteInsSource: "illustrative: Electoral Law (2020) art. 41 (另选其他任何选民) by analogy; no committee rule read mentions write-ins",
		Competition:    &Competition{Min: 1, Source: "Villagers' Committee Organic Law (2018) art. 15 para. 1: more candidates than seats (差额)"},
		Posting:        &Posting{WithinDays: 0, Source: "Villagers' Committee Organic Law (2018) art. 15 para. 3: results announced on the spot (当场公布); residents' committees by analogy (the 2018 urban law is silent)"},
	}
}

// BeijingVillageElection is CommitteeElection with Beijing's list size:
// one or two more candidates than seats.
//
// Source: Beijing Villagers' Committee Election Measures
// (北京市村民委员会选举办法) art. 16 (the other thresholds as in
// CommitteeElection: arts. 28-30).
func BeijingVillageElection(seats int) Rule {
	r := CommitteeElection(seats)
	r.Name = "Beijing village committee election"
	r.Source = "Beijing village election measures arts. 16, 28-30; Villagers' Committee Organic Law art. 15"
	r.Competition = &Competition{Min: 1, Max: 2, Source: "Beijing village election measures art. 16: one or two more candidates than seats"}
	return r
}

// Recall is the vote to recall a committee member: more than half of the
// registered voters must vote, and the recall passes with more than half
// of the ballots cast.
//
// Source: Villagers' Committee Organic Law (2018) art. 16; Beijing
// village election measures art. 34.
func Recall() Rule {
	return Rule{
		Method:    MethodMotion,
		Name:      "recall",
		Source:    "Villagers' Committee Organic Law art. 16; Beijing village election measures art. 34",
		Quorum:    &Threshold{Ratio: MoreThan(1, 2), Base: BaseEligible},
		Threshold: &Threshold{Ratio: MoreThan(1, 2), Base: BaseCast},
	}
}

// ResidentsMeeting is a decision of the residents' meeting (居民会议):
// more than half of the voters (or household representatives) attend, and
// a decision needs more than half of those present (here: of the ballots
// cast).
//
// Source: Organic Law of the Urban Residents' Committees (1989, amended
// 2018) art. 9.
func ResidentsMeeting() Rule {
	return Rule{
		Method:    MethodMotion,
		Name:      "residents' meeting decision",
		Source:    "Urban Residents' Committee Organic Law (2018) art. 9",
		Quorum:    &Threshold{Ratio: MoreThan(1, 2), Base: BaseEligible},
		Threshold: &Threshold{Ratio: MoreThan(1, 2), Base: BaseCast},
	}
}

// RepresentativesAssembly is a decision of a villagers' representatives'
// assembly: at least 2/3 of the members attend, and a decision needs more
// than half of those present (here: of the ballots cast).
//
// Source: Villagers' Committee Organic Law (2018) art. 26.
func RepresentativesAssembly() Rule {
	return Rule{
		Method:    MethodMotion,
		Name:      "representatives' assembly decision",
		Source:    "Villagers' Committee Organic Law (2018) art. 26",
		Quorum:    &Threshold{Ratio: AtLeast(2, 3), Base: BaseEligible},
		Threshold: &Threshold{Ratio: MoreThan(1, 2), Base: BaseCast},
	}
}

// Motion is a yes/no/abstain motion passing when the yes votes meet
// threshold, with an optional quorum (nil for none).
func Motion(threshold Threshold, quorum *Threshold) Rule {
	return Rule{Method: MethodMotion, Name: "motion", Threshold: &threshold, Quorum: quorum}
}
