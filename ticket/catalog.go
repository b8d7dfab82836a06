package ticket

// Preset describes one of this package's SLA policy presets for a
// catalogue: a stable config name, names and a one-line summary in English
// and Chinese, the source, and whether its figures were read in the
// primary text (Verified) or are an illustrative default. Policy returns a
// fresh policy.
type Preset struct {
	Name      string
	Title     string
	TitleZH   string
	Summary   string
	SummaryZH string
	Source    string
	Verified  bool
	Policy    func() Policy
}

// Catalog lists the SLA policy presets in catalogue order.
func Catalog() []Preset {
	return []Preset{
		{Name: "national-petition", Title: "National petition time limits", TitleZH: "信访事项办理时限",
			Summary:   "register and route within 15 days, contest within 5 working days, handle within 60 days (+30 once)",
			SummaryZH: "15日内登记转送，5个工作日内提出异议，60日内办结，可延长一次不超过30日",
			Source:    "信访工作条例 (2022) arts. 22, 23, 34", Verified: true, Policy: NationalPetition},
		{Name: "shandong-hotline", Title: "Shandong hotline time limits", TitleZH: "山东省政务服务热线办理时限",
			Summary:   "handle within 5 working days, extend once by up to 10, return within 2 working days",
			SummaryZH: "5个工作日内办结，可延期一次一般不超过10个工作日，2个工作日内回退",
			Source:    "山东省政务服务热线管理办法 (2020), secondary report", Policy: Shandong},
		{Name: "beijing-illustrative", Title: "Beijing 12345 commonly quoted limits (illustrative)", TitleZH: "北京12345常见时限（示例）",
			Summary:   "urgent answered or fed back within 2 hours, utilities 24 hours round the clock, ordinary 7 days, complex 15 days; other limits illustrative",
			SummaryZH: "紧急2小时内答复或反馈，水电气热24小时（全天候），一般7日，复杂15日；其余时限为示例",
			Source:    "commonly quoted figures, unverified; 北京市接诉即办工作条例 art. 13 leaves limits to policy", Policy: BeijingIllustrative},
	}
}
