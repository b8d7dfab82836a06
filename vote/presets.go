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

// CommitteeElection is a committee election with seats seats, on the
// template of the villagers' committee law. Field by field:
//
//   - Competition: more candidates than seats (差额). Verified for
//     villagers' committees: Organic Law of the Villagers' Committees
//     (村民委员会组织法, 2018) art. 15 para. 1.
//   - Quorum: the election is valid only if more than half of the
//     registered voters vote (过半数, strictly more). Verified: art. 15
//     para. 2; Beijing Villagers' Committee Election Measures
//     (北京市村民委员会选举办法) art. 28.
//   - Threshold: a candidate needs more than half of the ballots cast,
//     invalid ballots included (获得参加投票的村民过半数的选票). Verified:
//     art. 15 para. 2; Beijing village measures art. 29.
//   - Ballot validity: a ballot naming more people than seats is invalid,
//     and the poll is void if more ballots come back than voters took
//     part. Verified: Beijing village measures art. 28.
//   - Ties at the last seat go to a revote among the tied. Verified:
//     Beijing village measures art. 29.
//   - Runoff (另行选举) for empty seats: the most votes win, but a winner
//     needs at least 1/3 of the ballots cast (不得少于, the bound
//     included). Verified: art. 15 para. 2; Beijing village measures
//     art. 30. Its list size, one more candidate than empty seats
//     (Runoff.Extra), is illustrative: the texts take the best-placed
//     unelected candidates without a number (the Electoral Law (2020)
//     art. 45 para. 4 puts two candidates to a one-seat runoff).
//   - Posting: results announced on the spot (当场公布). Verified: art. 15
//     para. 3.
//   - Write-ins (另选他人), counted per name and counted with the marks
//     against the seats, are illustrative: no committee text read for
//     Beijing mentions them (the urban residents' committee law of 2018,
//     Beijing's 1991 implementing measures, the villagers' law of 2018);
//     other provinces' villagers' committee election measures admit them
//     and count them with the approvals against the seats (secondary
//     copies, not Beijing's); the Electoral Law (选举法, 2020) art. 41 gives
//     voters for people's congress deputies the same right.
//
// Residents' committees: the Urban Residents' Committee Organic Law
// (城市居民委员会组织法, 2018) has no article on the count, and the
// counting articles of its 2025 revision, of Beijing's residents'
// committee election measures (北京市居民委员会选举办法, 2000, amended
// 2021) and of the Ministry of Civil Affairs' election procedures could
// not be read; the thresholds apply to them by analogy. Use
// BeijingResidentsElection for Beijing's list size.
func CommitteeElection(seats int) Rule {
	return Rule{
		Method:         MethodElection,
		Name:           "committee election",
		Source:         "Villagers' Committee Organic Law (2018) art. 15; Beijing village election measures arts. 28-30; runoff list size and write-ins illustrative; residents' committees by analogy",
		Seats:          seats,
		Quorum:         &Threshold{Ratio: MoreThan(1, 2), Base: BaseEligible},
		Threshold:      &Threshold{Ratio: MoreThan(1, 2), Base: BaseCast},
		Runoff:         &Runoff{Threshold: Threshold{Ratio: AtLeast(1, 3), Base: BaseCast}, Extra: 1},
		WriteIns:       true,
		WriteInsSource: WriteInsIllustrative,
		Competition:    &Competition{Min: 1, Source: "Villagers' Committee Organic Law (2018) art. 15 para. 1: more candidates than seats (差额)"},
		Posting:        &Posting{WithinDays: 0, Source: "Villagers' Committee Organic Law (2018) art. 15 para. 3: results announced on the spot (当场公布); residents' committees by analogy (the 2018 urban law is silent)"},
	}
}

// WriteInsIllustrative is the WriteInsSource of the committee presets:
// write-ins are an illustrative default, not read in a Beijing rule.
const WriteInsIllustrative = "illustrative: no Beijing committee rule read mentions write-ins; other provinces' villagers' committee election measures admit 另选他人 and count it with the approvals against the seats; Electoral Law (2020) art. 41 (另选其他任何选民) by analogy"

// BeijingResidentsElection is CommitteeElection with the list size of
// Beijing's residents' committees: normally one or two more candidates
// than seats, and a list with as many candidates as seats (等额) is
// allowed. Max 2 enforces the normal case (一般); set Competition.Max to
// 0 where a longer list is decided.
//
// Source: Beijing Measures implementing the Urban Residents' Committee
// Organic Law (北京市实施《城市居民委员会组织法》办法, 1991) art. 13
// (voters: art. 12, residents aged 18 or more not deprived of political
// rights; also Urban Residents' Committee Organic Law (2018) art. 8). The
// other fields are CommitteeElection's, by analogy.
func BeijingResidentsElection(seats int) Rule {
	r := CommitteeElection(seats)
	r.Name = "Beijing residents' committee election"
	r.Source = "Beijing measures implementing the Urban Residents' Committee Organic Law (1991) arts. 12-13; counting as committee-election (villagers' law art. 15 by analogy); runoff list size and write-ins illustrative"
	r.Competition = &Competition{Min: 0, Max: 2, Source: "Beijing residents' committee measures (1991) art. 13: normally one or two more candidates than seats; as many as seats allowed"}
	return r
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
