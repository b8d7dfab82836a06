package ticket

import "github.com/gongzhi/gongzhi/calendar"

// NationalPetition is the time-limit regime of the national petition
// regulation: a petition is registered and routed within 15 days, the
// assigned body may contest a wrong assignment within 5 working days, and
// it handles the matter within 60 days, extendable once by at most 30 days
// with notice to the petitioner.
//
// The warning point (4/5 of each limit) is this package's default, not part
// of the source.
//
// Source: 信访工作条例 (State Council, 2022-02-25), arts. 22 and 34.
func NationalPetition() Policy {
	return Policy{
		Name:   "national-petition",
		Source: "信访工作条例 (2022) arts. 22, 34",
		Warn:   Fraction{Num: 4, Den: 5},
		Rules: []Rule{{
			Name:          "petition",
			Dispatch:      calendar.Period{N: 15, Unit: calendar.NaturalDays},
			Objection:     calendar.Period{N: 5, Unit: calendar.WorkingDays},
			Resolution:    calendar.Period{N: 60, Unit: calendar.NaturalDays},
			MaxExtensions: 1,
			MaxExtension:  calendar.Period{N: 30, Unit: calendar.NaturalDays},
		}},
	}
}

// Shandong is the Shandong provincial hotline regime: a ticket is handled
// and answered within 5 working days, may be extended once, normally by at
// most 10 working days, and a unit that is not responsible returns it
// (回退) with reasons within 2 working days.
//
// The warning point (4/5) is this package's default, not part of the source.
//
// Source: 山东省政务服务热线管理办法 (2020), as reported by the provincial
// press (secondary source).
func Shandong() Policy {
	return Policy{
		Name:   "shandong-hotline",
		Source: "山东省政务服务热线管理办法 (2020), secondary report",
		Warn:   Fraction{Num: 4, Den: 5},
		Rules: []Rule{{
			Name:          "hotline",
			Objection:     calendar.Period{N: 2, Unit: calendar.WorkingDays},
			Resolution:    calendar.Period{N: 5, Unit: calendar.WorkingDays},
			MaxExtensions: 1,
			MaxExtension:  calendar.Period{N: 10, Unit: calendar.WorkingDays},
		}},
	}
}

// BeijingIllustrative holds the commonly quoted Beijing 12345 figures:
// emergencies answered within 2 hours, time-sensitive water, power, gas and
// heat requests within 24 hours (round the clock, art. 19), ordinary
// requests within 7 days and complex ones within 15 days. It is marked
// Illustrative: no official Beijing text with these numbers could be found
// (the regulation, art. 13, leaves limits to the municipal service
// department). Replace it with the district's own catalogue limits.
//
// Source: unverified secondary summaries; see the regulation
// 北京市接诉即办工作条例 (2021) art. 13 for the legal basis of limits as data.
func BeijingIllustrative() Policy {
	return Policy{
		Name:         "beijing-illustrative",
		Source:       "commonly quoted figures, unverified; 北京市接诉即办工作条例 art. 13 leaves limits to policy",
		Illustrative: true,
		Warn:         Fraction{Num: 4, Den: 5},
		Rules: []Rule{
			{Name: "urgent", Urgency: Urgent, RoundTheClock: true,
				Response: calendar.Period{N: 1, Unit: calendar.Hours}, Resolution: calendar.Period{N: 2, Unit: calendar.Hours},
				CoReport: calendar.Period{N: 1, Unit: calendar.Hours}},
			{Name: "utilities", Urgency: Utilities, RoundTheClock: true,
				Response: calendar.Period{N: 2, Unit: calendar.Hours}, Resolution: calendar.Period{N: 24, Unit: calendar.Hours},
				CoReport: calendar.Period{N: 4, Unit: calendar.Hours}},
			{Name: "complex", Urgency: Complex,
				Response: calendar.Period{N: 1, Unit: calendar.WorkingDays}, Resolution: calendar.Period{N: 15, Unit: calendar.NaturalDays},
				CoReport: calendar.Period{N: 3, Unit: calendar.WorkingDays}, MaxExtensions: 1, MaxExtension: calendar.Period{N: 15, Unit: calendar.NaturalDays}},
			{Name: "ordinary",
				Response: calendar.Period{N: 1, Unit: calendar.WorkingDays}, Resolution: calendar.Period{N: 7, Unit: calendar.NaturalDays},
				CoReport: calendar.Period{N: 2, Unit: calendar.WorkingDays}, MaxExtensions: 1, MaxExtension: calendar.Period{N: 7, Unit: calendar.NaturalDays}},
		},
	}
}
