package sheet

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/gongzhi/gongzhi/vote"
	"github.com/shopspring/decimal"
)

// clean trims spaces (ASCII, full-width, no-break) and a byte-order mark.
func clean(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\r' || r == '\n' || r == '\u3000' || r == '\u00a0' || r == '\uFEFF'
	})
}

// halfWidth folds the full-width digits and number punctuation a Chinese
// input method types (１２．５, ２０２５／１２／６) into ASCII.
func halfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '．':
			return '.'
		case r == '－':
			return '-'
		case r == '／':
			return '/'
		}
		return r
	}, s)
}

// markWords are the cells read as a mark (a vote) or as no mark. On
// Chinese ballots ○ and √ mean "for" and × means "against", so × is no
// mark; a Latin x is ambiguous (a choice on many Western sheets) and is
// refused.
var markWords = map[string]bool{
	"1": true, "○": true, "〇": true, "√": true, "✓": true, "✔": true, "●": true, "是": true, "同意": true, "赞成": true,
	"y": true, "yes": true, "v": true, "+": true, "true": true,
	"": false, "0": false, "-": false, "—": false, "否": false, "不同意": false, "反对": false, "×": false, "✗": false, "✘": false,
	"n": false, "no": false, "false": false,
}

// mark reads an approval or election cell.
func mark(s string) (bool, error) {
	if v, ok := markWords[strings.ToLower(halfWidth(s))]; ok {
		return v, nil
	}
	if s == "x" || s == "X" {
		return false, cellErr(RowAmbiguousMark, fmt.Sprintf("ambiguous mark %q: × means against on Chinese ballots and a choice on others; write 1 or ○ for a vote, leave empty for none", s), s)
	}
	return false, cellErr(RowUnreadableMark, fmt.Sprintf("unreadable mark %q (write 1 or ○ for a vote, leave empty for none)", s), s)
}

// grouped matches a number written with thousands separators: groups of
// three digits after the first, so "1,234" is 1234 but "1,2" (a decimal
// comma, or a typo) is not a number.
var grouped = regexp.MustCompile(`^[0-9]{1,3}([,，][0-9]{3})+(\.[0-9]+)?$`)

// ungroup removes thousands separators from s, or reports false if s has a
// separator out of place.
func ungroup(s string) (string, bool) {
	if !strings.ContainsAny(s, ",，") {
		return s, true
	}
	if !grouped.MatchString(s) {
		return "", false
	}
	return strings.NewReplacer(",", "", "，", "").Replace(s), true
}

// maxVotes bounds one count of a totals sheet and their sum (as MaxRows
// bounds the rows): a sheet's totals are rebuilt into as many ballots.
const maxVotes = MaxRows * 10

// count reads a non-negative whole number, allowing thousands separators.
func count(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	t, ok := ungroup(halfWidth(s))
	n, err := strconv.ParseInt(t, 10, 64)
	if !ok || err != nil || n < 0 {
		return 0, cellErr(RowNotWholeNumber, fmt.Sprintf("%q is not a whole number of votes", s), s)
	}
	if n > maxVotes {
		return 0, cellErr(RowImplausibleCount, fmt.Sprintf("%q votes is implausible (more than %d)", s, maxVotes), s, itoa(maxVotes))
	}
	return n, nil
}

// choiceWords are the answers of a motion or owners' ballot.
var choiceWords = map[string]vote.Choice{
	"同意": vote.Yes, "赞成": vote.Yes, "支持": vote.Yes, "○": vote.Yes, "√": vote.Yes, "✓": vote.Yes, "yes": vote.Yes, "y": vote.Yes, "for": vote.Yes,
	"反对": vote.No, "不同意": vote.No, "×": vote.No, "✗": vote.No, "no": vote.No, "n": vote.No, "against": vote.No,
	"弃权": vote.Abstain, "abstain": vote.Abstain, "abstention": vote.Abstain,
}

// choice reads a motion cell; "" means no answer.
func choice(s string) (vote.Choice, error) {
	if s == "" {
		return "", nil
	}
	if c, ok := choiceWords[strings.ToLower(s)]; ok {
		return c, nil
	}
	return "", cellErr(RowUnreadableChoice, fmt.Sprintf("unreadable choice %q (同意/反对/弃权 or yes/no/abstain)", s), s)
}

// levelWords are Chinese names of the satisfaction levels of
// vote.SatisfactionSurvey.
var levelWords = map[string]string{
	"满意": "satisfied", "基本满意": "basically-satisfied", "不满意": "dissatisfied",
	"basically satisfied": "basically-satisfied",
}

// level reads a satisfaction cell: a level of the rule by its config name
// or its Chinese name; "" means no answer.
func level(s string, levels []string) (string, error) {
	if s == "" {
		return "", nil
	}
	for _, l := range levels {
		if strings.EqualFold(s, l) {
			return l, nil
		}
	}
	if l, ok := levelWords[strings.ToLower(s)]; ok {
		for _, x := range levels {
			if x == l {
				return l, nil
			}
		}
	}
	return "", cellErr(RowUnknownLevel, fmt.Sprintf("unknown level %q (one of %s)", s, strings.Join(levels, ", ")), s, strings.Join(levels, "、"))
}

// area reads an exclusive area in square metres, with or without a unit.
func area(s string) (decimal.Decimal, error) {
	t := halfWidth(s)
	for _, suffix := range []string{"平方米", "平米", "㎡", "m²", "m2", "M2"} {
		t = strings.TrimSuffix(clean(t), suffix)
	}
	t, ok := ungroup(clean(t))
	if strings.ContainsAny(t, "eE") {
		ok = false // 1e5: an exported float, not an area a clerk wrote
	}
	d, err := decimal.NewFromString(t)
	if !ok || err != nil || !d.IsPositive() {
		return decimal.Zero, cellErr(RowBadArea, fmt.Sprintf("area %q is not a positive number of square metres", s), s)
	}
	if d.Exponent() < -4 || d.GreaterThan(decimal.NewFromInt(1_000_000)) {
		return decimal.Zero, cellErr(RowImplausibleArea, fmt.Sprintf("area %q is implausible (more than 4 decimals or over 1,000,000 m²)", s), s)
	}
	return d, nil
}
