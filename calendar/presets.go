package calendar

// ChinaHours returns the office hours of the China preset: 09:00-12:00 and
// 13:30-17:30, seven working hours with a lunch break. They are
// illustrative: no national rule fixes the clock times of office hours
// (the State Council's rules on working hours, 国务院关于职工工作时间的规定,
// fix 8 hours a day and 40 a week, not the times), and units publish their
// own. Override them through Config.Hours.
func ChinaHours() []Span {
	return []Span{{From: "09:00", To: "12:00"}, {From: "13:30", To: "17:30"}}
}

// China2025 returns the State Council's holiday notice for 2025.
//
// Source: 国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号,
// published 2024-11-12, applying the 全国年节及纪念日放假办法 as amended
// 2024-11-10 (13 statutory days).
func China2025() Schedule {
	return Schedule{
		Year:   2025,
		Source: "国办发明电〔2024〕12号 (2024-11-12), 国务院办公厅关于2025年部分节假日安排的通知",
		Holidays: []Holiday{
			{Name: "元旦", From: "2025-01-01"},
			{Name: "春节", From: "2025-01-28", To: "2025-02-04", MakeUp: []string{"2025-01-26", "2025-02-08"}},
			{Name: "清明节", From: "2025-04-04", To: "2025-04-06"},
			{Name: "劳动节", From: "2025-05-01", To: "2025-05-05", MakeUp: []string{"2025-04-27"}},
			{Name: "端午节", From: "2025-05-31", To: "2025-06-02"},
			{Name: "国庆节、中秋节", From: "2025-10-01", To: "2025-10-08", MakeUp: []string{"2025-09-28", "2025-10-11"}},
		},
	}
}

// China2026 returns the State Council's holiday notice for 2026.
//
// Source: 国务院办公厅关于2026年部分节假日安排的通知, published 2025-11-04.
func China2026() Schedule {
	return Schedule{
		Year:   2026,
		Source: "国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)",
		Holidays: []Holiday{
			{Name: "元旦", From: "2026-01-01", To: "2026-01-03", MakeUp: []string{"2026-01-04"}},
			{Name: "春节", From: "2026-02-15", To: "2026-02-23", MakeUp: []string{"2026-02-14", "2026-02-28"}},
			{Name: "清明节", From: "2026-04-04", To: "2026-04-06"},
			{Name: "劳动节", From: "2026-05-01", To: "2026-05-05", MakeUp: []string{"2026-05-09"}},
			{Name: "端午节", From: "2026-06-19", To: "2026-06-21"},
			{Name: "中秋节", From: "2026-09-25", To: "2026-09-27"},
			{Name: "国庆节", From: "2026-10-01", To: "2026-10-07", MakeUp: []string{"2026-09-20", "2026-10-10"}},
		},
	}
}

// China2027 returns the State Council's holiday notice for 2027.
//
// Source: 国务院办公厅关于2027年部分节假日安排的通知, published November
// 2026, as recorded day by day in the holiday table of
// github.com/6tail/lunar-go v1.4.7 (released 2026-11-06, "新增：2027年法定假日"),
// against which every preset year is cross-checked in the tests. Verified:
// the statutory days of 全国年节及纪念日放假办法 and its art. 6 weekdays
// (ChinaStatutory(2027)) all fall within these days off.
func China2027() Schedule {
	return Schedule{
		Year:   2027,
		Source: "国务院办公厅关于2027年部分节假日安排的通知 (2026-11), as recorded in github.com/6tail/lunar-go v1.4.7",
		Holidays: []Holiday{
			{Name: "元旦", From: "2027-01-01", To: "2027-01-03"},
			{Name: "春节", From: "2027-02-05", To: "2027-02-13", MakeUp: []string{"2027-01-31", "2027-02-14"}},
			{Name: "清明节", From: "2027-04-03", To: "2027-04-05"},
			{Name: "劳动节", From: "2027-05-01", To: "2027-05-05", MakeUp: []string{"2027-05-08"}},
			{Name: "端午节", From: "2027-06-09"},
			{Name: "中秋节", From: "2027-09-15"},
			{Name: "国庆节", From: "2027-10-01", To: "2027-10-07", MakeUp: []string{"2027-09-26", "2027-10-09"}},
		},
	}
}

// ChinaConfig returns the configuration of the China preset, for callers
// who want to change it (other hours, another year) before calling New.
func ChinaConfig() Config {
	return Config{
		Name:        "China (State Council holiday notices)",
		Zone:        "Asia/Shanghai",
		Workweek:    []string{"Mon", "Tue", "Wed", "Thu", "Fri"},
		Hours:       ChinaHours(),
		Years:       []Schedule{China2025(), China2026(), China2027()},
		Provisional: ProvisionalChina,
	}
}

// China returns the working calendar of mainland China for 2025 to 2110:
// Monday to Friday, minus the statutory holidays and the days off combined
// with them, plus the weekend days worked in exchange (调休), as the State
// Council's notices fix them (China2025, China2026, China2027); counted in
// Asia/Shanghai with the office hours of ChinaHours. The years 2028 to 2110,
// whose notices are not yet published, are provisional: their days off are
// the statutory days of ChinaStatutory, and every result that depends on
// them says so (Period.Due, Explanation, Day). Each call returns a fresh
// Calendar. Extend it with next year's notice, published each November,
// through Extend or ExtendJSON.
//
// Source: 全国年节及纪念日放假办法 (amended 2024-11-10), arts. 2, 6-7, and
// the notices cited by China2025, China2026 and China2027.
func China() *Calendar {
	c, err := New(ChinaConfig())
	if err != nil {
		panic("calendar: China preset is invalid: " + err.Error()) // unreachable: tested
	}
	return c
}

// RoundTheClockConfig returns the configuration of RoundTheClock.
func RoundTheClockConfig() Config {
	return Config{
		Name:     "Round the clock (24x7)",
		Zone:     "Asia/Shanghai",
		Workweek: []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"},
		AnyYear:  true,
	}
}

// RoundTheClock returns a calendar in which every instant of every day is
// working time, in Asia/Shanghai, covering the years 1 to 9999. Utilities
// (water, power, gas, heating) must serve round the clock, so their limits
// run through nights, weekends and holidays.
//
// Source: 北京市接诉即办工作条例 (2021), art. 19.
func RoundTheClock() *Calendar {
	c, err := New(RoundTheClockConfig())
	if err != nil {
		panic("calendar: RoundTheClock preset is invalid: " + err.Error()) // unreachable: tested
	}
	return c
}
