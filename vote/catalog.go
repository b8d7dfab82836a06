package vote

import "strconv"

// Preset describes one of this package's presets for a catalogue: a stable
// config name, names and a one-line summary in English and Chinese, the
// legal source and whether that source was read (Verified) or the preset
// is an illustrative default. Rule returns a fresh rule; presets that count
// seats (committee elections) take their number, the others ignore it.
type Preset struct {
	Name      string
	Title     string
	TitleZH   string
	Summary   string
	SummaryZH string
	Source    string
	// Verified is true when every figure of the preset was read in the
	// primary legal text; false marks an illustrative default to adapt.
	Verified bool
	// Seats says that Rule needs a positive number of seats.
	Seats bool
	Rule  func(seats int) Rule
}

// Catalog lists this package's presets in catalogue order. Each call
// returns fresh values.
func Catalog() []Preset {
	fixed := func(f func() Rule) func(int) Rule { return func(int) Rule { return f() } }
	ps := []Preset{
		{Name: "project-priorities", Title: "Project priorities (5 votes, support rate over 80 %)", TitleZH: "实事项目票决（每人5票，支持率超过80%）",
			Summary:   "limited approval: 5 votes, one per project; pass with more than 4/5 of the ballots cast; the top 2 passed become priorities",
			SummaryZH: "限选投票：每人5票、每项至多1票；支持率超过4/5为通过；得票最多的2项为年度重点",
			Source:    "Shuangjing subdistrict (Chaoyang) annual co-governance meeting report; base of the rate assumed (ballots cast)",
			Rule:      fixed(ProjectPriorities)},
		{Name: "satisfaction-survey", Title: "Satisfaction survey", TitleZH: "满意度测评",
			Summary:   "three levels (satisfied, basically satisfied, dissatisfied); the rate counts the first two of the valid answers",
			SummaryZH: "满意、基本满意、不满意三档；满意率按前两档计",
			Source:    "Shuangjing annual co-governance meeting report; the three levels are the usual form (illustrative)",
			Rule:      fixed(SatisfactionSurvey)},
		{Name: "owners-ordinary", Title: "Owners' decision, ordinary matter", TitleZH: "业主共同决定（一般事项）",
			Summary:   "owners with >= 2/3 of the area and of the headcount take part; more than half of participating area and owners agree",
			SummaryZH: "专有部分面积和人数均占三分之二以上的业主参与表决，经参与表决面积过半数且人数过半数的业主同意",
			Source:    "Civil Code art. 278; SPC interpretation on building-unit ownership (2020) arts. 8-9",
			Verified:  true, Rule: fixed(OwnersOrdinary)},
		{Name: "owners-special", Title: "Owners' decision, special matter (fund, rebuilding, common parts)", TitleZH: "业主共同决定（筹集维修资金、改建重建、改变共有部分用途）",
			Summary:   "owners with >= 2/3 of the area and of the headcount take part; at least 3/4 of participating area and owners agree",
			SummaryZH: "专有部分面积和人数均占三分之二以上的业主参与表决，经参与表决面积四分之三以上且人数四分之三以上的业主同意",
			Source:    "Civil Code art. 278; SPC interpretation on building-unit ownership (2020) arts. 8-9",
			Verified:  true, Rule: fixed(OwnersSpecial)},
	}
	for m := MatterRules; m <= MatterOther; m++ {
		q, a := m.Legal()
		zh := "过半数"
		if a.Inclusive {
			zh = "四分之三以上"
		}
		ps = append(ps, Preset{Name: "owners-" + m.String(), Title: "Owners' decision: " + matterTitles[m], TitleZH: "业主共同决定：" + matterTitlesZH[m],
			Summary:   "art. 278 item " + strconv.Itoa(int(m)) + ": quorum " + q.String() + " of area and owners, approval " + a.String() + " of participating area and owners",
			SummaryZH: "第二百七十八条第" + strconv.Itoa(int(m)) + "项：参与表决面积、人数均三分之二以上，同意的面积、人数均" + zh,
			Source:    "Civil Code art. 278 item " + strconv.Itoa(int(m)) + "; SPC interpretation on building-unit ownership (2020) arts. 8-9",
			Verified:  true, Rule: func(int) Rule { return OwnersDecision(m) }})
	}
	return append(ps,
		Preset{Name: "committee-election", Title: "Committee election (competitive, with runoff)", TitleZH: "居（村）民委员会差额选举",
			Summary:   "more than half of the registered voters vote; a winner needs more than half of the ballots cast; empty seats go to a runoff needing >= 1/3; write-ins counted per name (illustrative)",
			SummaryZH: "登记选民过半数投票选举有效；候选人获得参加投票的选民过半数选票始得当选；不足名额另行选举，得票多者当选但不少于三分之一；另选他人按所写姓名计票（示例）",
			Source:    "Villagers' Committee Organic Law (2018) art. 15; Beijing village election measures arts. 28-30 (verified); runoff list size and write-ins illustrative; residents' committees by analogy",
			Seats:     true, Rule: CommitteeElection},
		Preset{Name: "beijing-residents-election", Title: "Beijing residents' committee election", TitleZH: "北京市居民委员会选举",
			Summary:   "as committee-election, with normally one or two more candidates than seats; as many candidates as seats allowed",
			SummaryZH: "同居（村）民委员会选举；候选人一般比应选名额多一至二人，也可等额选举",
			Source:    "Beijing measures implementing the Urban Residents' Committee Organic Law (1991) arts. 12-13 (verified); counting as committee-election by analogy; runoff list size and write-ins illustrative",
			Seats:     true, Rule: BeijingResidentsElection},
		Preset{Name: "beijing-village-election", Title: "Beijing village committee election", TitleZH: "北京市村民委员会选举",
			Summary:   "as committee-election, with one or two more candidates than seats",
			SummaryZH: "同村（居）民委员会选举；候选人比应选人数多一至二人（差额）",
			Source:    "Beijing village election measures arts. 16, 28-30; Villagers' Committee Organic Law (2018) art. 15 (verified); runoff list size and write-ins illustrative",
			Seats:     true, Rule: BeijingVillageElection},
		Preset{Name: "recall", Title: "Recall of a committee member", TitleZH: "罢免村（居）民委员会成员",
			Summary:   "more than half of the registered voters vote; the recall passes with more than half of the ballots cast",
			SummaryZH: "登记选民过半数投票，并须经投票的选民过半数通过",
			Source:    "Villagers' Committee Organic Law (2018) art. 16; Beijing village election measures art. 34",
			Verified:  true, Rule: fixed(Recall)},
		Preset{Name: "residents-meeting", Title: "Residents' meeting decision", TitleZH: "居民会议决定",
			Summary:   "more than half of the voters (or household representatives) attend; a decision needs more than half of the ballots cast",
			SummaryZH: "过半数的选民或户代表出席；决定经到会人员过半数通过",
			Source:    "Urban Residents' Committee Organic Law (2018) art. 9",
			Verified:  true, Rule: fixed(ResidentsMeeting)},
		Preset{Name: "representatives-assembly", Title: "Representatives' assembly decision", TitleZH: "村民代表会议决定",
			Summary:   "at least 2/3 of the members attend; a decision needs more than half of the ballots cast",
			SummaryZH: "三分之二以上组成人员参加；决定经到会人员过半数同意",
			Source:    "Villagers' Committee Organic Law (2018) art. 26",
			Verified:  true, Rule: fixed(RepresentativesAssembly)},
	)
}

var matterTitles = [...]string{"", "assembly rules", "management statute", "elect or replace the owners' committee", "hire or dismiss the property manager",
	"use the maintenance fund", "raise the maintenance fund", "rebuild buildings and facilities", "change the use of common parts", "other major matters"}

var matterTitlesZH = [...]string{"", "制定和修改业主大会议事规则", "制定和修改管理规约", "选举业主委员会或者更换业主委员会成员", "选聘和解聘物业服务企业或者其他管理人",
	"使用建筑物及其附属设施的维修资金", "筹集建筑物及其附属设施的维修资金", "改建、重建建筑物及其附属设施", "改变共有部分的用途或者利用共有部分从事经营活动", "有关共有和共同管理权利的其他重大事项"}
