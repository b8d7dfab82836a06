package grid

// Division is an administrative division: its code and its name.
type Division struct {
	Code Code   `json:"code"`
	Name string `json:"name"`
}

// BeijingDistricts returns Beijing's 16 districts with their GB/T 2260
// codes, in code order. Their parent code is 110100 (市辖区) and then 110000
// (北京市).
//
// Source: GB/T 2260 行政区划代码 as maintained by the Ministry of Civil
// Affairs, listed in secondary sources (nameidi.com/n/zexy5q1w.html); see
// testdata/SOURCES.md.
func BeijingDistricts() []Division {
	return []Division{
		{"110101", "东城区"}, {"110102", "西城区"}, {"110105", "朝阳区"}, {"110106", "丰台区"},
		{"110107", "石景山区"}, {"110108", "海淀区"}, {"110109", "门头沟区"}, {"110111", "房山区"},
		{"110112", "通州区"}, {"110113", "顺义区"}, {"110114", "昌平区"}, {"110115", "大兴区"},
		{"110116", "怀柔区"}, {"110117", "平谷区"}, {"110118", "密云区"}, {"110119", "延庆区"},
	}
}
