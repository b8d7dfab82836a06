package calendar

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// unitWord returns the unit of a word ParsePeriod accepts: the English
// forms String writes, the JSON unit names, and the Chinese forms of
// regulations (5个工作日, 24小时, 15日, 2个月).
func unitWord(w string) (Unit, bool) {
	switch w {
	case "working day", "working days", "working_days", "个工作日", "工作日":
		return WorkingDays, true
	case "working hour", "working hours", "working_hours", "个工作小时", "工作小时":
		return WorkingHours, true
	case "working minute", "working minutes", "working_minutes", "工作分钟":
		return WorkingMinutes, true
	case "day", "days", "natural_days", "日", "天", "个自然日", "自然日":
		return NaturalDays, true
	case "day to close of business", "days to close of business", "natural_days_to_close":
		return NaturalDaysToClose, true
	case "month", "months", "个月":
		return Months, true
	case "hour", "hours", "小时", "个小时":
		return Hours, true
	case "minute", "minutes", "分钟":
		return Minutes, true
	}
	return "", false
}

// ParsePeriod parses a period written for people: what Period.String
// writes ("5 working days", "1 month", "24 hours"), the JSON unit names
// ("5 working_days"), or the Chinese of regulations ("5个工作日",
// "15日", "15天", "2个月", "24小时", "30分钟"). The result is validated.
func ParsePeriod(s string) (Period, error) {
	t := strings.TrimSpace(s)
	i := strings.IndexFunc(t, func(r rune) bool { return !unicode.IsDigit(r) || r > unicode.MaxASCII })
	if i <= 0 {
		return Period{}, fmt.Errorf("%w: %q does not start with a count", ErrInvalidPeriod, s)
	}
	n, err := strconv.Atoi(t[:i])
	if err != nil {
		return Period{}, fmt.Errorf("%w: count in %q: %v", ErrInvalidPeriod, s, err)
	}
	word := strings.ToLower(strings.TrimSpace(t[i:]))
	u, ok := unitWord(word)
	if !ok {
		return Period{}, fmt.Errorf("%w: unknown unit %q in %q", ErrInvalidPeriod, t[i:], s)
	}
	p := Period{N: n, Unit: u}
	if err := p.Validate(); err != nil {
		return Period{}, err
	}
	return p, nil
}
