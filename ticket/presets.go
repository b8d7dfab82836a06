package ticket

import "github.com/gongzhi/gongzhi/calendar"

// warnCitation labels the warning point, this package's default in every
// preset.
func warnCitation() Citation {
	return Citation{Field: "warn", Grade: Illustrative, Source: "this package's default warning point, not in any source"}
}

// NationalPetition is the time-limit regime of the national petition
// regulation: a petition is registered and routed within 15 days (art.
// 22), the body it is assigned to may object to a wrong assignment within
// 5 working days of receiving it (art. 23 para. 3; art. 24 is about
// matters shared by several bodies), and it handles the matter within 60
// days, extendable once by at most 30 days with notice to the petitioner
// (art. 34).
//
// The warning point (4/5 of each limit) is this package's default, not part
// of the source. Policy.Citations labels every field.
//
// Source: 信访工作条例 (CPC Central Committee and State Council,
// 2022-02-25, in force 2022-05-01), arts. 22, 23 and 34, checked against
// the text (LawRefBook/Laws 行政法规/信访工作条例.md).
func NationalPetition() Policy {
	const src = "信访工作条例 (2022)"
	return Policy{
		Name:   "national-petition",
		Source: src + " arts. 22, 23, 34",
		Warn:   Fraction{Num: 4, Den: 5},
		Rules: []Rule{{
			Name:          "petition",
			Dispatch:      calendar.Period{N: 15, Unit: calendar.NaturalDays},
			Objection:     calendar.Period{N: 5, Unit: calendar.WorkingDays},
			Resolution:    calendar.Period{N: 60, Unit: calendar.NaturalDays},
			MaxExtensions: 1,
			MaxExtension:  calendar.Period{N: 30, Unit: calendar.NaturalDays},
		}},
		Citations: []Citation{
			warnCitation(),
			{Field: "rules[0].dispatch", Grade: Verified, Source: src + " art. 22: registered and routed within 15 days"},
			{Field: "rules[0].objection", Grade: Verified, Source: src + " art. 23 para. 3: an objection to the assignment within 5 working days"},
			{Field: "rules[0].resolution", Grade: Verified, Source: src + " art. 34: handled within 60 days"},
			{Field: "rules[0].max_extensions", Grade: Verified, Source: src + " art. 34: extended once"},
			{Field: "rules[0].max_extension", Grade: Verified, Source: src + " art. 34: by at most 30 days, with notice"},
		},
	}
}

// Shandong is the Shandong provincial hotline regime: a ticket is handled
// and answered within 5 working days, may be extended once, normally by at
// most 10 working days, and a unit that is not responsible returns it
// (回退) with reasons within 2 working days.
//
// The warning point (4/5) is this package's default, not part of the source.
// Policy.Citations labels every field.
//
// Source: 山东省政务服务热线管理办法 (2020), as reported by the provincial
// press (secondary source).
func Shandong() Policy {
	const src = "山东省政务服务热线管理办法 (2020), as reported by m.yybnet.net (secondary)"
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
		Citations: []Citation{
			warnCitation(),
			{Field: "rules[0].objection", Grade: Secondary, Source: src + ": a unit not responsible returns the ticket within 2 working days"},
			{Field: "rules[0].resolution", Grade: Secondary, Source: src + ": handled and answered within 5 working days"},
			{Field: "rules[0].max_extensions", Grade: Secondary, Source: src + ": extended once"},
			{Field: "rules[0].max_extension", Grade: Secondary, Source: src + ": normally by at most 10 working days"},
		},
	}
}

// BeijingIllustrative holds the four commonly quoted Beijing 12345
// figures and fills the rest of a working policy with illustrative values,
// each labelled field by field in Policy.Citations:
//
//   - emergencies are answered or fed back within 2 hours: a first-contact
//     limit, not a resolution deadline (the urgent rule's 24-hour
//     resolution limit is illustrative);
//   - time-sensitive water, power, gas and heat requests within 24 hours,
//     round the clock (round-the-clock service is art. 19 of the
//     regulation; the 24 hours are commonly quoted);
//   - ordinary requests within 7 days, complex ones within 15 days.
//
// The four figures are unverified: they were seen only in a secondary
// summary, and no official Beijing text with them was found (the
// regulation, art. 13, leaves limits to the municipal service department).
// Response, co-report, extension and pause limits and the warning point
// are this package's illustrative choices. Replace the policy with the
// district's own catalogue limits.
//
// Source: unverified secondary summaries (fudaoke.com/exam/262251.html);
// 北京市接诉即办工作条例 (2021) arts. 13 and 19.
func BeijingIllustrative() Policy {
	const quoted = "commonly quoted Beijing 12345 figure, unverified (secondary summary fudaoke.com/exam/262251.html; no official text found)"
	pauses := func() *PauseRule {
		return &PauseRule{Reasons: []PauseReason{"awaiting_requester", "third_party_inspection"}, Max: 2,
			Longest: calendar.Period{N: 5, Unit: calendar.WorkingDays}, Approval: calendar.Period{N: 2, Unit: calendar.WorkingDays}}
	}
	illustrative := func(field string) Citation {
		return Citation{Field: field, Grade: Illustrative, Source: "this package's illustrative value, no source"}
	}
	return Policy{
		Name:         "beijing-illustrative",
		Source:       "commonly quoted figures, unverified; 北京市接诉即办工作条例 art. 13 leaves limits to policy",
		Illustrative: true,
		Warn:         Fraction{Num: 4, Den: 5},
		Rules: []Rule{
			{Name: "urgent", Urgency: Urgent, RoundTheClock: true,
				Response: calendar.Period{N: 1, Unit: calendar.Hours}, FirstContact: calendar.Period{N: 2, Unit: calendar.Hours},
				Resolution: calendar.Period{N: 24, Unit: calendar.Hours}, CoReport: calendar.Period{N: 1, Unit: calendar.Hours}},
			{Name: "utilities", Urgency: Utilities, RoundTheClock: true,
				Response: calendar.Period{N: 2, Unit: calendar.Hours}, Resolution: calendar.Period{N: 24, Unit: calendar.Hours},
				CoReport: calendar.Period{N: 4, Unit: calendar.Hours}},
			{Name: "complex", Urgency: Complex,
				Response: calendar.Period{N: 1, Unit: calendar.WorkingDays}, Resolution: calendar.Period{N: 15, Unit: calendar.NaturalDays},
				CoReport: calendar.Period{N: 3, Unit: calendar.WorkingDays}, MaxExtensions: 1, MaxExtension: calendar.Period{N: 15, Unit: calendar.NaturalDays},
				Pauses: pauses()},
			{Name: "ordinary",
				Response: calendar.Period{N: 1, Unit: calendar.WorkingDays}, Resolution: calendar.Period{N: 7, Unit: calendar.NaturalDays},
				CoReport: calendar.Period{N: 2, Unit: calendar.WorkingDays}, MaxExtensions: 1, MaxExtension: calendar.Period{N: 7, Unit: calendar.NaturalDays},
				Pauses: pauses()},
		},
		Citations: []Citation{
			warnCitation(),
			illustrative("rules[0].round_the_clock"),
			illustrative("rules[0].response"),
			{Field: "rules[0].first_contact", Grade: Unverified, Source: quoted + ": emergencies answered or fed back within 2 hours (a contact limit, not a resolution deadline)"},
			illustrative("rules[0].resolution"),
			illustrative("rules[0].co_report"),
			{Field: "rules[1].round_the_clock", Grade: Verified, Source: "北京市接诉即办工作条例 (2021) art. 19: water, power, gas and heat serve round the clock"},
			illustrative("rules[1].response"),
			{Field: "rules[1].resolution", Grade: Unverified, Source: quoted + ": time-sensitive water, power, gas and heat requests within 24 hours"},
			illustrative("rules[1].co_report"),
			illustrative("rules[2].response"),
			{Field: "rules[2].resolution", Grade: Unverified, Source: quoted + ": complex requests within 15 days"},
			illustrative("rules[2].co_report"),
			illustrative("rules[2].max_extensions"),
			illustrative("rules[2].max_extension"),
			illustrative("rules[2].pauses"),
			illustrative("rules[3].response"),
			{Field: "rules[3].resolution", Grade: Unverified, Source: quoted + ": ordinary requests within 7 days"},
			illustrative("rules[3].co_report"),
			illustrative("rules[3].max_extensions"),
			illustrative("rules[3].max_extension"),
			illustrative("rules[3].pauses"),
		},
	}
}
