package sheet

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gongzhi/gongzhi/vote"
)

// castWords label the row of a counts sheet that gives the ballots cast.
var castWords = []string{"投票人数", "参加投票人数", "收回选票", "收回票数", "选票总数", "实到人数", "参加表决人数",
	"ballots cast", "cast", "ballots", "turnout"}

// countRow is one option's row of a counts sheet.
type countRow struct {
	n      int
	option vote.OptionID
	choice vote.Choice
	total  int64
	levels []int64 // satisfaction: per rule level
}

// counts reads one row per option with its total, and rebuilds ballots
// that give exactly those totals (see the package doc: not auditable).
func (r *reader) counts(rows [][]string) error {
	m := r.rule.Method
	if m == vote.MethodCumulative {
		return &HeaderError{Reason: "a cumulative vote cannot be rebuilt from totals: give one row per ballot"}
	}
	if err := r.h.single(roleLabel); err != nil {
		return err
	}
	label, ok := r.h.first(roleLabel)
	if !ok && m == vote.MethodMotion {
		label, ok = r.h.first(roleChoice)
	}
	if !ok {
		label, ok = r.h.first(roleOption)
	}
	if !ok {
		return &HeaderError{Reason: "a counts sheet needs a column naming the options (选项 / option)"}
	}
	if cols := r.h.of(roleCount); len(cols) > 1 && m != vote.MethodSatisfaction {
		return &HeaderError{Reason: fmt.Sprintf("columns %q and %q both hold totals; keep the one to count and rename or remove the other", cols[0].name, cols[1].name)}
	}
	countCol, hasCount := r.h.first(roleCount)
	var levelCols []column
	if m == vote.MethodSatisfaction {
		for _, c := range r.h.cols {
			if c.index == label.index {
				continue
			}
			if l, err := level(c.name, r.rule.Levels); err == nil {
				levelCols = append(levelCols, column{index: c.index, name: l})
			}
		}
		if len(levelCols) == 0 {
			return &HeaderError{Reason: fmt.Sprintf("a satisfaction counts sheet needs a column per level (%s)", strings.Join(r.rule.Levels, ", "))}
		}
	} else if !hasCount {
		return &HeaderError{Reason: "a counts sheet needs a column of totals (票数 / votes)"}
	}
	if r.opts.Options != nil && m != vote.MethodMotion {
		r.poll.Options = slices.Clone(r.opts.Options)
	}
	if err := r.roll(); err != nil {
		return err
	}
	cast := int64(r.opts.Cast)
	castRow := 0
	var list []countRow
	var stats []statRow
	seen := map[string]int{}
	for i, row := range rows {
		n := i + 2
		if blank(row) {
			continue
		}
		name := cell(row, label)
		if name == "" {
			r.failCode(n, label.name, RowMissingOption, nil, "missing option name")
			continue
		}
		if footerLine(name) {
			r.failFooter(n, label.name, name)
			continue
		}
		if prev, dup := seen[name]; dup {
			r.failCode(n, label.name, RowDuplicateOption, []string{name, itoa(prev)}, "%q already on row %d", name, prev)
			continue
		}
		seen[name] = n
		if slices.Contains(totalWords, strings.ToLower(name)) {
			continue // a sum of the rows above, not an option
		}
		cr := countRow{n: n}
		stat := statOf(name)
		if m == vote.MethodSatisfaction && !slices.Contains(castWords, strings.ToLower(name)) && stat == "" {
			cr.levels = make([]int64, len(r.rule.Levels))
			ok := true
			for _, c := range levelCols {
				k, err := count(cell(row, c))
				if err != nil {
					r.failCell(n, c.name, err)
					ok = false
				}
				cr.levels[slices.Index(r.rule.Levels, c.name)] += k
				cr.total += k
			}
			if !ok {
				continue
			}
		} else {
			col := countCol
			if !hasCount {
				col = levelCols[0]
			}
			k, err := count(cell(row, col))
			if err != nil {
				r.failCell(n, col.name, err)
				continue
			}
			cr.total = k
		}
		if stat != "" {
			stats = append(stats, statRow{n: n, kind: stat, name: name, value: cr.total})
			continue
		}
		if slices.Contains(castWords, strings.ToLower(name)) {
			if r.opts.Cast == 0 {
				cast = cr.total
			}
			castRow = n
			continue
		}
		if m == vote.MethodMotion {
			ch, err := choice(name)
			if err != nil || ch == "" {
				r.failCode(n, label.name, RowMotionAnswer, []string{name}, "a motion's rows are 同意, 反对 and 弃权 (yes, no, abstain), not %q", name)
				continue
			}
			cr.choice = ch
		} else {
			id, ok := r.optionNamed(name)
			if !ok {
				r.failCode(n, label.name, RowUnknownOption, []string{name}, "%q is not an option of the poll", name)
				continue
			}
			cr.option = id
		}
		list = append(list, cr)
		r.rows++
	}
	if len(r.bad) > 0 && !r.opts.SkipBadRows {
		return nil
	}
	if !r.checkStats(stats, cast) {
		return nil
	}
	return r.rebuild(list, cast, castRow)
}

// rebuild makes cast ballots whose counts are exactly the rows' totals.
// Marks are dealt round-robin over the ballots, so no ballot marks an
// option twice and each holds at most ceil(total marks / cast) marks.
func (r *reader) rebuild(list []countRow, cast int64, castRow int) error {
	m := r.rule.Method
	var sum, most int64
	for _, c := range list {
		sum += c.total
		most = max(most, c.total)
	}
	if m == vote.MethodMotion {
		if sum > maxVotes {
			var run int64
			for _, c := range list {
				if run += c.total; run > maxVotes {
					r.failCode(c.n, "", RowAnswersOverMax, []string{itoa(maxVotes)}, "the answers add up to more than %d ballots", maxVotes)
					return nil
				}
			}
		}
		if cast != 0 && cast != sum {
			r.failCode(castRow, "", RowCastMismatch, []string{itoa(cast), itoa(sum)}, "%d ballots cast, but the answers add up to %d", cast, sum)
			return nil
		}
		for _, c := range list {
			for range c.total {
				r.out = append(r.out, vote.Ballot{ID: r.nextID(), Choice: c.choice})
			}
		}
		return nil
	}
	if cast == 0 {
		return &HeaderError{Reason: "give the number of ballots cast: a row 投票人数 (ballots cast) or the cast option"}
	}
	if cast > MaxRows*10 {
		return &HeaderError{Reason: fmt.Sprintf("%d ballots cast is implausible", cast)}
	}
	if most > cast {
		for _, c := range list {
			if c.total > cast {
				r.failCode(c.n, "", RowVotesOverCast, []string{itoa(c.total), itoa(cast)}, "%d votes but only %d ballots cast", c.total, cast)
			}
		}
		return nil
	}
	per := int64(r.rule.Votes)
	if m == vote.MethodElection {
		per = int64(r.rule.Seats)
	}
	if m != vote.MethodSatisfaction && per > 0 && sum > per*cast {
		r.failCode(castRow, "", RowMarksDoNotFit, []string{itoa(sum), itoa(cast), itoa(per)}, "%d marks in all cannot fit on %d ballots of at most %d marks", sum, cast, per)
		return nil
	}
	ballots := make([]vote.Ballot, cast)
	for i := range ballots {
		ballots[i].ID = r.nextID()
	}
	pos := int64(0)
	for _, c := range list {
		if m == vote.MethodSatisfaction {
			b := int64(0)
			for l, k := range c.levels {
				for range k {
					ballots[b].Marks = append(ballots[b].Marks, vote.Mark{Option: c.option, Level: r.rule.Levels[l]})
					b++
				}
			}
			continue
		}
		for range c.total {
			ballots[pos%cast].Marks = append(ballots[pos%cast].Marks, vote.Mark{Option: c.option})
			pos++
		}
	}
	r.out = ballots
	return nil
}

// nextID numbers rebuilt ballots in canonical order.
func (r *reader) nextID() vote.BallotID {
	r.seq++
	return vote.BallotID(fmt.Sprintf("rebuilt-%07d", r.seq))
}
