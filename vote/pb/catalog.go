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
	}
}
