package sheet

import (
	"fmt"
	"strings"

	"github.com/gongzhi/gongzhi/vote"
)

// role is what a column of the sheet holds.
type role int

const (
	roleOption  role = iota // an option: marks, counts or levels per ballot
	roleID                  // the ballot's number
	roleVoter               // the voter's name (open ballots)
	roleWriteIn             // names written in (elections)
	roleChoice              // yes / no / abstain
	roleCount               // a total (counts layout)
	roleLabel               // the option's name (counts layout)
	roleUnit                // the unit (households layout)
	roleOwner               // the owner (households layout)
	roleArea                // the exclusive area (households layout)
	roleNote                // remarks, ignored
)

// headerWords maps a cleaned, lower-case header to its role. Columns with
// any other header are options.
var headerWords = map[string]role{
	"编号": roleID, "序号": roleID, "选票编号": roleID, "票号": roleID, "选票号": roleID, "选票序号": roleID,
	"ballot": roleID, "ballot id": roleID, "ballot no": roleID, "ballot no.": roleID, "id": roleID, "no": roleID, "no.": roleID, "#": roleID,
	"投票人": roleVoter, "选民": roleVoter, "代表": roleVoter, "代表姓名": roleVoter, "voter": roleVoter,
	"另选人": roleWriteIn, "另选他人": roleWriteIn, "另选其他选民": roleWriteIn, "另选": roleWriteIn,
	"write-in": roleWriteIn, "write-ins": roleWriteIn, "write in": roleWriteIn, "write ins": roleWriteIn,
	"表决意见": roleChoice, "意见": roleChoice, "表决": roleChoice, "投票意见": roleChoice, "表决结果": roleChoice,
	"choice": roleChoice, "vote": roleChoice, "answer": roleChoice,
	"票数": roleCount, "得票": roleCount, "得票数": roleCount, "赞成票": roleCount, "支持票": roleCount, "支持票数": roleCount, "人数": roleCount,
	"votes": roleCount, "count": roleCount, "total": roleCount,
	"选项": roleLabel, "项目": roleLabel, "项目名称": roleLabel, "候选人": roleLabel, "候选人姓名": roleLabel,
	"option": roleLabel, "project": roleLabel, "candidate": roleLabel,
	"房号": roleUnit, "单元": roleUnit, "户号": roleUnit, "房屋": roleUnit, "房间号": roleUnit, "专有部分": roleUnit, "单元号": roleUnit, "门牌号": roleUnit,
	"unit": roleUnit, "room": roleUnit, "flat": roleUnit, "apartment": roleUnit,
	"业主": roleOwner, "业主姓名": roleOwner, "所有权人": roleOwner, "owner": roleOwner, "owner name": roleOwner,
	"面积": roleArea, "专有部分面积": roleArea, "专有面积": roleArea, "建筑面积": roleArea, "产权面积": roleArea,
	"area": roleArea, "area m2": roleArea, "exclusive area": roleArea,
	"备注": roleNote, "说明": roleNote, "note": roleNote, "notes": roleNote, "remark": roleNote, "remarks": roleNote,
}

// column is one column of the header.
type column struct {
	index int
	name  string
	role  role
}

// header is the classified header row.
type header struct {
	cols []column
}

func readHeader(row []string) header {
	var h header
	for i, c := range row {
		name := clean(c)
		if name == "" {
			continue
		}
		ro, ok := headerWords[headerKey(name)]
		if !ok {
			ro = roleOption
		}
		h.cols = append(h.cols, column{index: i, name: name, role: ro})
	}
	return h
}

// first returns the first column of role ro.
func (h header) first(ro role) (column, bool) {
	for _, c := range h.cols {
		if c.role == ro {
			return c, true
		}
	}
	return column{}, false
}

// of returns every column of role ro.
func (h header) of(ro role) []column {
	var out []column
	for _, c := range h.cols {
		if c.role == ro {
			out = append(out, c)
		}
	}
	return out
}

// roleNames names the roles that a sheet may hold only once.
var roleNames = map[role]string{roleID: "ballot number", roleVoter: "voter", roleChoice: "choice",
	roleUnit: "unit", roleArea: "area", roleCount: "total", roleLabel: "option name"}

// single refuses two columns of one of roles: the second would be ignored,
// and which one the clerk meant cannot be guessed (建筑面积 and 专有部分面积,
// 选票编号 and 编号).
func (h header) single(roles ...role) error {
	for _, ro := range roles {
		if cols := h.of(ro); len(cols) > 1 {
			return &HeaderError{Reason: fmt.Sprintf("columns %q and %q mean the same (%s); keep the one the vote counts and rename or remove the other",
				cols[0].name, cols[1].name, roleNames[ro])}
		}
	}
	return nil
}

// detect picks the layout: households for an owners' decision, counts when
// a total or option-name column is present, ballots otherwise.
func (h header) detect(rule vote.Rule) Layout {
	if rule.Method == vote.MethodDoubleMajority {
		return Households
	}
	if _, ok := h.first(roleCount); ok {
		return Counts
	}
	if _, ok := h.first(roleLabel); ok {
		return Counts
	}
	return Ballots
}

// cell returns row's cell under c, cleaned ("" if the row is short).
func cell(row []string, c column) string {
	if c.index >= len(row) {
		return ""
	}
	return clean(row[c.index])
}

// blank reports whether every cell of row is empty.
func blank(row []string) bool {
	for _, c := range row {
		if clean(c) != "" {
			return false
		}
	}
	return true
}

// headerKey is a header cell as looked up in headerWords: lower case,
// without a trailing unit in brackets ("面积（㎡）", "Area (m²)").
func headerKey(name string) string {
	k := strings.ToLower(name)
	for _, open := range []string{"（", "("} {
		if i := strings.LastIndex(k, open); i > 0 && (strings.HasSuffix(k, "）") || strings.HasSuffix(k, ")")) {
			k = clean(k[:i])
		}
	}
	return k
}
