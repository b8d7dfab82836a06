package sheet

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote"
)

// households reads an owners' decision: one row per exclusive unit with
// its owner, area and choice.
func (r *reader) households(rows [][]string) error {
	if r.rule.Method != vote.MethodDoubleMajority {
		return &HeaderError{Reason: fmt.Sprintf("a households sheet is an owners' decision; rule %s is not", r.rule.Method)}
	}
	// Two columns of one role (建筑面积 and 专有部分面积, say) would be
	// read from whichever comes first: refuse rather than guess which one
	// the vote counts.
	if err := r.h.single(roleUnit, roleArea, roleChoice); err != nil {
		return err
	}
	unitCol, ok := r.h.first(roleUnit)
	if !ok {
		return &HeaderError{Reason: "an owners' sheet needs a unit column (房号 / unit)"}
	}
	areaCol, ok := r.h.first(roleArea)
	if !ok {
		return &HeaderError{Reason: "an owners' sheet needs an area column (专有部分面积 / area)"}
	}
	choiceCol, ok := r.h.first(roleChoice)
	if !ok {
		return &HeaderError{Reason: "an owners' sheet needs a choice column (表决意见 / choice)"}
	}
	ownerCol, hasOwner := r.h.first(roleOwner)
	type pick struct {
		choice vote.Choice
		row    int
	}
	type totalsRow struct {
		n    int
		area string
	}
	var totals []totalsRow
	var units []vote.Unit
	unitRow := map[string]int{}
	picks := map[vote.VoterID]pick{}
	var order []vote.VoterID
	for i, row := range rows {
		n := i + 2
		if blank(row) {
			continue
		}
		id := cell(row, unitCol)
		if id == "" {
			r.failCode(n, unitCol.name, RowMissingUnit, nil, "missing unit")
			continue
		}
		if footerLine(id) {
			r.failFooter(n, unitCol.name, id)
			continue
		}
		// A totals row (合计) sums the areas above; read as a unit it
		// would be an unsold unit of that area.
		if slices.Contains(totalWords, strings.ToLower(id)) {
			totals = append(totals, totalsRow{n, cell(row, areaCol)})
			continue
		}
		if prev, dup := unitRow[id]; dup {
			r.failCode(n, unitCol.name, RowDuplicateUnit, []string{string(id), itoa(prev)}, "unit %q already on row %d", id, prev)
			continue
		}
		a, err := area(cell(row, areaCol))
		if err != nil {
			r.failCell(n, areaCol.name, err)
			continue
		}
		owner := vote.VoterID(id) // no owner column: each unit is its own owner
		if hasOwner {
			owner = vote.VoterID(cell(row, ownerCol))
			if owner == Developer {
				r.failCode(n, ownerCol.name, RowDeveloperName, []string{string(owner)}, "owner %q is the name kept for the developer's unsold units; leave the cell empty for those", owner)
				continue
			}
			if owner == "" {
				owner = Developer
			}
		}
		ch, err := choice(cell(row, choiceCol))
		if err != nil {
			r.failCell(n, choiceCol.name, err)
			continue
		}
		if ch != "" {
			if p, seen := picks[owner]; seen && p.choice != ch {
				r.failCode(n, choiceCol.name, RowOwnerConflict, []string{string(owner), string(p.choice), itoa(p.row), string(ch)}, "owner %q answered %s on row %d and %s here; one owner has one vote", owner, p.choice, p.row, ch)
				continue
			} else if !seen {
				picks[owner] = pick{ch, n}
				order = append(order, owner)
			}
		}
		unitRow[id] = n
		u := vote.Unit{ID: id, RegisteredArea: a}
		if owner != Developer {
			u.Owner = owner
		}
		units = append(units, u)
		r.rows++
	}
	if len(r.bad) == 0 {
		sum := decimal.Zero
		for _, u := range units {
			sum = sum.Add(u.RegisteredArea)
		}
		for _, t := range totals {
			if t.area == "" {
				continue
			}
			if a, err := area(t.area); err != nil {
				r.failCell(t.n, areaCol.name, err)
			} else if !a.Equal(sum) {
				r.failCode(t.n, areaCol.name, RowTotalsMismatch, []string{a.String(), sum.String()}, "totals row says %s, the units above give %s", a, sum)
			}
		}
	}
	if len(r.bad) > 0 && (!r.opts.SkipBadRows || len(units) == 0) {
		return nil
	}
	if len(units) == 0 {
		return &HeaderError{Reason: "no units below the header"}
	}
	voters, err := vote.CountOwners(units, Developer)
	if err != nil {
		return err
	}
	for i := range voters {
		if voters[i].ID == Developer {
			voters[i].Name = "开发建设单位（未售出房屋） / developer (unsold units)"
		}
	}
	r.poll.Voters = voters
	for _, o := range order {
		r.out = append(r.out, vote.Ballot{ID: vote.BallotID("owner-" + string(o)), Voter: o, Choice: picks[o].choice})
	}
	return nil
}
