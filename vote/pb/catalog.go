package pb

// Preset describes one of this package's presets for a catalogue: a stable
// config name, names and a one-line summary in English and Chinese, the
// source, and whether it reproduces a published outcome (Verified). Rule
// returns a fresh rule.
type Preset struct {
	Name      string
	Title     string
	TitleZH   string
	Summary   string
	SummaryZH string
	Source    string
	Verified  bool
	Rule      func() Rule
}

// Catalog lists the presets of Presets in catalogue order, with their
// descriptions.
func Catalog() []Preset {
	return []Preset{
		{Name: "greedy", Title: "Greedy by votes", TitleZH: "按票数依次入选",
			Summary:   "fund projects by votes (points) while they fit",
			SummaryZH: "按得票（积分）从高到低，预算够则入选",
			Source:    "pabulib rule greedy (Warszawa, Katowice, Kraków, Łódź)", Verified: true, Rule: GreedyByVotes},
		{Name: "mes", Title: "Method of Equal Shares with Add1 completion", TitleZH: "均分法（逐一加额补足）",
			Summary:   "Method of Equal Shares, cost utilities, Add1 completion",
			SummaryZH: "均分法，成本效用，Add1补足",
			Source:    "equalshares.net; pabulib rule equalshares/add1 (Wieliczka 2023)", Verified: true, Rule: EqualSharesAdd1},
		{Name: "mes-add1", Title: "Method of Equal Shares with Add1 completion (alias of mes)", TitleZH: "均分法（逐一加额补足，mes的别名）",
			Summary:   "the same rule as mes",
			SummaryZH: "与mes相同",
			Source:    "equalshares.net; pabulib rule equalshares/add1 (Wieliczka 2023)", Verified: true, Rule: EqualSharesAdd1},
		{Name: "mes-only", Title: "Method of Equal Shares", TitleZH: "均分法（不补足）",
			Summary:   "Method of Equal Shares without completion",
			SummaryZH: "均分法，不作补足",
			Source:    "Peters, Pierczyński, Skowron, NeurIPS 2021", Verified: true, Rule: EqualSharesPlain},
		{Name: "poznan-2023", Title: "Poznań 2023 district budget", TitleZH: "波兹南2023区级预算",
			Summary:   "projects by votes while they fit; the list stops at the first that does not",
			SummaryZH: "按得票依次入选，遇到第一个超出余额的项目即停止",
			Source:    "pabulib Poznań 2023 (META comment; 15 of 15 official selections)", Verified: true, Rule: PoznanDistrict2023},
		{Name: "gdynia-2020-large", Title: "Gdynia 2020 large district projects", TitleZH: "格丁尼亚2020区级大项目",
			Summary:   "large-project pool (90% of the district amount), by votes, stopping at the first misfit",
			SummaryZH: "大项目资金池（区额度的90%），按得票入选，遇到第一个超额项目即停止",
			Source:    "bo.gdynia.pl Civic Budget 2020; pabulib Gdynia 2020 (21 of 21)", Verified: true, Rule: GdyniaLarge2020},
		{Name: "gdynia-2020-small", Title: "Gdynia 2020 small district projects", TitleZH: "格丁尼亚2020区级小项目",
			Summary:   "small-project pool (10% of the district amount, 1/9 of the stated budget), by votes, stopping at the first misfit",
			SummaryZH: "小项目资金池（区额度的10%，即所列预算的1/9），按得票入选，遇到第一个超额项目即停止",
			Source:    "bo.gdynia.pl Civic Budget 2020; pabulib Gdynia 2020 (20 of 21, Orłowo unexplained)", Verified: true, Rule: GdyniaSmall2020},
		{Name: "wroclaw-2018", Title: "Wrocław 2018 civic budget", TitleZH: "弗罗茨瓦夫2018公民预算",
			Summary:   "projects by votes while they fit; the list stops at the first that does not",
			SummaryZH: "按得票依次入选，遇到第一个超出余额的项目即停止",
			Source:    "pabulib Wrocław 2018 (30 of 30; 2019-2021: 6 of 6)", Verified: true, Rule: Wroclaw2018},
		{Name: "katowice-2020", Title: "Katowice 2020-2021 (minimum 50 points)", TitleZH: "卡托维兹2020-2021（至少50分）",
			Summary:   "greedy by points, funding only projects with at least 50 points (threshold inferred)",
			SummaryZH: "按积分依次入选，仅资助至少50分的项目（门槛由数据推断）",
			Source:    "pabulib Katowice 2020-2021 (46 of 46); threshold inferred, regulation not found", Verified: false, Rule: Katowice2020},
		{Name: "lodz-2020", Title: "Łódź district projects (minimum 50 votes)", TitleZH: "罗兹社区项目（至少50票）",
			Summary:   "greedy by votes, funding only projects with at least 50 valid votes",
			SummaryZH: "按得票依次入选，仅资助获得至少50张有效票的项目",
			Source:    "uml.lodz.pl Zasady ŁBO 2019/2020 rule 7 (resolution VI/199/19); pabulib Łódź 2020, 2022 (72 of 72)", Verified: true, Rule: Lodz2020},
	}
}
