package ranked

// Preset describes one of this package's presets for a catalogue: a stable
// config name, names and a one-line summary in English and Chinese, the
// source, and whether it was checked against the published count
// (Verified). Rule returns a fresh rule for a number of seats (0: the
// ballot file's).
type Preset struct {
	Name      string
	Title     string
	TitleZH   string
	Summary   string
	SummaryZH string
	Source    string
	Verified  bool
	Rule      func(seats int) Rule
}

// Catalog lists the presets of Presets in catalogue order, with their
// descriptions.
func Catalog() []Preset {
	method := func(m Method) func(int) Rule { return func(s int) Rule { return Rule{Method: m, Seats: s} } }
	return []Preset{
		{Name: "minneapolis-irv", Title: "Minneapolis instant-runoff", TitleZH: "明尼阿波利斯即时决选",
			Summary:   "IRV, majority of continuing ballots, batch elimination, write-ins out first",
			SummaryZH: "即时决选：以继续有效票过半数当选，批量淘汰，未申报的另选人首轮淘汰",
			Source:    "Minneapolis Code ch. 167; RCTab Minneapolis Rules (2017 mayor)", Verified: true,
			Rule: func(int) Rule { return MinneapolisIRV() }},
		{Name: "minneapolis-stv", Title: "Minneapolis STV", TitleZH: "明尼阿波利斯单记可让渡投票",
			Summary:   "STV, fractional surplus at 4 d.p., several winners per round",
			SummaryZH: "单记可让渡投票，盈余按四位小数分数转移，每轮可多人当选",
			Source:    "Minneapolis Code 167.80; RCTab (2013 Park Board)", Verified: true, Rule: MinneapolisSTV},
		{Name: "scottish-stv", Title: "Scottish STV", TitleZH: "苏格兰单记可让渡投票",
			Summary:   "STV, WIGM, transfer values truncated to 5 d.p.",
			SummaryZH: "单记可让渡投票，加权包含式格雷戈里法，转移值截至五位小数",
			Source:    "Scottish Local Government Elections Order 2007, sch. 1 rules 46-51", Verified: true, Rule: ScottishSTV},
		{Name: "meek-stv", Title: "Meek STV", TitleZH: "米克法单记可让渡投票",
			Summary:   "STV by Meek's method, exact arithmetic",
			SummaryZH: "米克法单记可让渡投票，精确计算",
			Source:    "Hill, Wichmann, Woodall 1987; NZ Local Electoral Regulations 2001 sch. 1A", Verified: true, Rule: MeekSTV},
		{Name: "schulze", Title: "Schulze method", TitleZH: "舒尔策法",
			Summary: "Schulze beatpath ranking (winning votes)", SummaryZH: "舒尔策路径排序（胜票）",
			Source: "M. Schulze, Social Choice and Welfare 36 (2011)", Verified: true, Rule: method(Schulze)},
		{Name: "copeland", Title: "Copeland method", TitleZH: "科普兰法",
			Summary: "Copeland: pairwise wins plus half the ties", SummaryZH: "科普兰法：两两比较胜场加平局之半",
			Source: "A. H. Copeland (1951)", Verified: true, Rule: method(Copeland)},
		{Name: "borda", Title: "Borda count", TitleZH: "波达计数",
			Summary: "Borda count, unranked candidates get 0", SummaryZH: "波达计数，未排序的候选人得0分",
			Source: "J.-C. de Borda (1781)", Verified: true, Rule: method(Borda)},
	}
}
