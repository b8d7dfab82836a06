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
		{Name: "chaoyang-deliberation", Title: "Chaoyang yearly deliberation quota (illustrative)", TitleZH: "朝阳区社区议事年度要求（示例）",
			Summary:   "each community holds at least 12 quorate deliberations a year and solves at least 3 problems through them",
			SummaryZH: "每个社区每年至少开展12次有效议事，至少解决3个治理难题",
			Source:    "public reports on Chaoyang's community deliberation rules; primary text not found", Obligations: Chaoyang},
	}
}
