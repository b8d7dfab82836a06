package sheet

import (
	"regexp"
	"strings"
)

// footerWords begin the lines a clerk writes below the ballots of a paper
// tally sheet: who counted and checked them, when, and remarks
// (计票人：张三, 监票人, 日期, 备注). Such a line is not a ballot, an option
// or a unit.
var footerWords = []string{
	"计票人", "计票员", "监票人", "监票员", "唱票人", "唱票员", "记票人", "记票员", "记录人", "填表人", "制表人",
	"统计人", "审核人", "复核人", "负责人", "签字", "签名", "盖章", "日期", "填表日期", "制表日期", "备注", "说明", "注：", "注:",
}

// dateLine matches a date written alone in a cell: 2025年12月6日,
// 2025-12-06, 2025/12/6, 2025.12.06 (a date is never a ballot number).
var dateLine = regexp.MustCompile(`^[0-9]{4}\s*[年./-]\s*[0-9]{1,2}\s*[月./-]\s*[0-9]{1,2}\s*日?$`)

// footerLine reports whether the first cell of a row (already cleaned)
// makes it a signature, date or remarks line rather than a data row.
func footerLine(s string) bool {
	s = halfWidth(s)
	for _, w := range footerWords {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return dateLine.MatchString(s)
}

// failFooter records a footer line as a bad row: counting it would add a
// blank ballot (or an option, or a unit) that nobody cast.
func (r *reader) failFooter(row int, column, s string) {
	r.failCode(row, column, RowFooterLine, []string{s}, "%q is a signature, date or remarks line, not a row to count; delete it from the sheet", s)
}
