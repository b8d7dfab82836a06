package project

// Preset describes one of this package's cost-sharing presets for a
// catalogue: a stable config name, names and a one-line summary in English
// and Chinese, the source, and whether it was read in the primary text
// (Verified) or is an illustrative default. Rule returns a fresh rule.
type Preset struct {
	Name      string
	Title     string
	TitleZH   string
	Summary   string
	SummaryZH string
	Source    string
	Verified  bool
	Rule      func() SharingRule
}

// Catalog lists the cost-sharing presets in catalogue order.
func Catalog() []Preset {
	return []Preset{
		{Name: "area-split", Title: "Share by exclusive area", TitleZH: "按专有部分面积分摊",
			Summary:   "each owner pays in proportion to their exclusive area (the statutory default)",
			SummaryZH: "按业主专有部分面积所占比例分摊（法定默认）",
			Source:    "Civil Code art. 283", Verified: true, Rule: AreaSplit},
		{Name: "equal-split", Title: "Equal shares per household", TitleZH: "按户均摊",
			Summary:   "every household pays the same share, as owners may agree",
			SummaryZH: "每户一份，业主约定时适用",
			Source:    "Civil Code art. 283 (agreed shares)", Verified: true, Rule: EqualSplit},
		{Name: "guangzhou-elevator", Title: "Lift retrofit by floor coefficient (illustrative)", TitleZH: "加装电梯按楼层系数分摊（示例）",
			Summary:   "floors 1-2 pay nothing; higher homes pay coefficient (0.7 at 3F to 1.3 at 9F) x area x cost per m²",
			SummaryZH: "一、二层不分摊；以上各层按楼层系数（三层0.7至九层1.3）×面积×每平方米造价分摊",
			Source:    "zjtcn.com/zhishi/dcjzdtfa (one Guangzhou estate, secondary)", Rule: GuangzhouElevator},
	}
}
