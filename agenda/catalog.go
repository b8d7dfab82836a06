package agenda

// Preset describes one of this package's yearly-obligation presets for a
// catalogue: a stable config name, names and a one-line summary in English
// and Chinese, the source, and whether it was read in the primary text
// (Verified) or is an illustrative default. Obligations returns a fresh
// value.
type Preset struct {
	Name        string
	Title       string
	TitleZH     string
	Summary     string
	SummaryZH   string
	Source      string
	Verified    bool
	Obligations func() Obligations
}

// Catalog lists the obligation presets in catalogue order.
func Catalog() []Preset {
	return []Preset{
		{Name: "chaoyang-deliberation", Title: "Chaoyang yearly deliberation quota", TitleZH: "朝阳区社区议事年度要求",
			Summary:   "each community holds at least 12 deliberations a year and strives to solve at least 3 problems through them (counting only quorate meetings is an illustrative addition)",
			SummaryZH: "每个社区每年组织议事协商不少于12次，力争解决不少于3件（仅计达到法定人数的会议为本库附加的示例规则）",
			Source:    "Chaoyang district report on community deliberation: 每个社区每年组织议事协商不少于12次, 力争解决不少于3件; quorate counting is an addition", Obligations: Chaoyang},
	}
}
