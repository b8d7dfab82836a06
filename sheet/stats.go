package sheet

import (
	"fmt"
	"slices"
	"strings"
)

// The ballot statistics a clerk writes under the totals of a counts sheet
// (发出选票 50, 收回选票 46, 有效票 45, 无效票 1). They are not options: read
// as one, 有效票 passed with 45 of 46 votes and became a priority project.
var (
	issuedWords  = []string{"发出选票", "发出票数", "发放选票", "发票数", "ballots issued", "issued"}
	validWords   = []string{"有效票", "有效选票", "有效票数", "valid", "valid ballots"}
	invalidWords = []string{"无效票", "无效选票", "无效票数", "废票", "invalid", "invalid ballots"}
)

// statRow is a row of ballot statistics in a counts sheet.
type statRow struct {
	n     int
	kind  string // "issued", "valid" or "invalid"
	name  string
	value int64
}

// statOf says which statistic a counts sheet's label names, or "".
func statOf(label string) string {
	l := strings.ToLower(label)
	switch {
	case slices.Contains(issuedWords, l):
		return "issued"
	case slices.Contains(validWords, l):
		return "valid"
	case slices.Contains(invalidWords, l):
		return "invalid"
	}
	return ""
}

// checkStats checks the statistics against the ballots cast: issued at
// least cast, valid plus invalid equal to cast. Invalid ballots cannot be
// rebuilt from totals (which option marks made them invalid is not on the
// sheet), so any is a bad row asking for one row per ballot. It reports
// whether the sheet may be rebuilt.
func (r *reader) checkStats(stats []statRow, cast int64) bool {
	ok := true
	var valid, invalid int64 = -1, 0
	for _, s := range stats {
		switch s.kind {
		case "issued":
			if s.value < cast {
				r.failCode(s.n, "", RowStatsMismatch, []string{s.name, itoa(s.value), fmt.Sprintf("≥ %d", cast)},
					"%s %d is fewer than the %d ballots cast", s.name, s.value, cast)
				ok = false
			}
		case "valid":
			valid = s.value
		case "invalid":
			invalid = s.value
			if s.value > 0 {
				r.failCode(s.n, "", RowInvalidInCounts, []string{itoa(s.value)},
					"%d invalid ballots cannot be counted from totals: give one row per ballot", s.value)
				ok = false
			}
		}
	}
	for _, s := range stats {
		if s.kind == "valid" && cast > 0 && valid != cast-invalid {
			r.failCode(s.n, "", RowStatsMismatch, []string{s.name, itoa(s.value), itoa(cast - invalid)},
				"%s %d, but %d ballots cast less %d invalid give %d", s.name, s.value, cast, invalid, cast-invalid)
			ok = false
		}
	}
	return ok
}
