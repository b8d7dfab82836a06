package sheet

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gongzhi/gongzhi/vote"
)

// totalWords mark a totals row at the bottom of a ballots sheet: it is not
// a ballot, and its figures must agree with the ballots above.
var totalWords = []string{"合计", "总计", "小计", "total", "totals", "sum"}

// options fixes the poll's options from the option columns and returns the
// option of each column index.
func (r *reader) options(cols []column) (map[int]vote.OptionID, error) {
	byCol := make(map[int]vote.OptionID, len(cols))
	seen := map[vote.OptionID]bool{}
	if r.opts.Options != nil {
		r.poll.Options = slices.Clone(r.opts.Options)
	}
	for _, c := range cols {
		id, ok := r.optionNamed(c.name)
		if !ok {
			return nil, &HeaderError{Reason: fmt.Sprintf("column %q is not an option of the poll", c.name)}
		}
		if seen[id] {
			return nil, &HeaderError{Reason: fmt.Sprintf("option %q has two columns", c.name)}
		}
		seen[id] = true
		byCol[c.index] = id
	}
	return byCol, nil
}

// optionNamed finds the option a header or label names, adding it to the
// poll when no option list was given.
func (r *reader) optionNamed(name string) (vote.OptionID, bool) {
	if id, ok := r.optionID(name); ok {
		return id, true
	}
	if r.opts.Options != nil {
		return "", false
	}
	id := vote.OptionID(name)
	o := vote.Option{ID: id, Name: name}
	r.poll.Options = append(r.poll.Options, o)
	r.index(o)
	return id, true
}

// ballots reads one row per paper ballot.
func (r *reader) ballots(rows [][]string) error {
	m := r.rule.Method
	optCols := r.h.of(roleOption)
	choiceCol, hasChoice := r.h.first(roleChoice)
	writeIns := r.h.of(roleWriteIn)
	switch {
	case m == vote.MethodMotion && !hasChoice:
		return &HeaderError{Reason: "a motion sheet needs a choice column (表决意见 / choice)"}
	case m == vote.MethodMotion && len(optCols) > 0:
		return &HeaderError{Reason: fmt.Sprintf("a motion has no options; column %q is not understood", optCols[0].name)}
	case m != vote.MethodMotion && len(optCols) == 0:
		return &HeaderError{Reason: "no option columns: put one column per option, headed by its name"}
	case m != vote.MethodMotion && hasChoice:
		return &HeaderError{Reason: fmt.Sprintf("column %q holds yes/no answers, but rule %s counts options", choiceCol.name, m)}
	case len(writeIns) > 0 && m != vote.MethodElection:
		return &HeaderError{Reason: fmt.Sprintf("column %q holds write-ins, which only elections have", writeIns[0].name)}
	}
	// The ballot number is what a voter looks up in the posted ballot
	// list: numbering from one of two columns would be a guess.
	if err := r.h.single(roleID, roleVoter, roleChoice); err != nil {
		return err
	}
	byCol, err := r.options(optCols)
	if err != nil {
		return err
	}
	if err := r.roll(); err != nil {
		return err
	}
	onRoll := map[vote.VoterID]bool{}
	for _, v := range r.poll.Voters {
		onRoll[v.ID] = true
	}
	idCol, hasID := r.h.first(roleID)
	voterCol, hasVoter := r.h.first(roleVoter)
	ids := map[vote.BallotID]int{}
	voters := map[vote.VoterID]int{}
	totals := map[vote.OptionID]int64{}
	type totalsRow struct {
		n   int
		row []string
	}
	var totalRows []totalsRow
	for i, row := range rows {
		n := i + 2
		if blank(row) {
			continue
		}
		first := ""
		if hasID {
			first = cell(row, idCol)
		} else if len(row) > 0 {
			first = clean(row[0])
		}
		if slices.Contains(totalWords, strings.ToLower(first)) {
			totalRows = append(totalRows, totalsRow{n, row})
			continue
		}
		if footerLine(first) {
			col := ""
			if hasID {
				col = idCol.name
			}
			r.failFooter(n, col, first)
			continue
		}
		b := vote.Ballot{ID: vote.BallotID(fmt.Sprintf("row-%07d", n))}
		if hasID {
			if first == "" {
				r.failCode(n, idCol.name, RowMissingBallot, nil, "missing ballot number")
				continue
			}
			b.ID = vote.BallotID(first)
			if prev, dup := ids[b.ID]; dup {
				r.failCode(n, idCol.name, RowDuplicateBallot, []string{first, itoa(prev)}, "ballot %q already on row %d", first, prev)
				continue
			}
		}
		if hasVoter {
			v := vote.VoterID(cell(row, voterCol))
			switch prev, dup := voters[v]; {
			case v == "":
				r.failCode(n, voterCol.name, RowMissingVoter, nil, "missing voter")
				continue
			case dup:
				r.failCode(n, voterCol.name, RowVoterVoted, []string{string(v), itoa(prev)}, "voter %q already voted on row %d", v, prev)
				continue
			case len(onRoll) > 0 && !onRoll[v]:
				r.failCode(n, voterCol.name, RowNotOnRoll, []string{string(v)}, "voter %q is not on the roll", v)
				continue
			}
			b.Voter = v
		}
		ok := true
		bad := func(c column, err error) {
			r.failCell(n, c.name, err)
			ok = false
		}
		switch m {
		case vote.MethodMotion:
			ch, err := choice(cell(row, choiceCol))
			if err != nil {
				bad(choiceCol, err)
			}
			b.Choice = ch
		case vote.MethodSatisfaction:
			for _, c := range optCols {
				l, err := level(cell(row, c), r.rule.Levels)
				if err != nil {
					bad(c, err)
				} else if l != "" {
					b.Marks = append(b.Marks, vote.Mark{Option: byCol[c.index], Level: l})
				}
			}
		case vote.MethodCumulative:
			for _, c := range optCols {
				k, err := count(cell(row, c))
				switch {
				case err != nil:
					bad(c, err)
				case k > int64(max(r.rule.Votes, 1))*4:
					bad(c, cellErr(RowPerOptionVotes, fmt.Sprintf("%d votes on one option is implausible for %d votes per ballot", k, r.rule.Votes), itoa(k), itoa(r.rule.Votes)))
				case k > 0:
					b.Marks = append(b.Marks, vote.Mark{Option: byCol[c.index], Count: int(k)})
				}
			}
		default: // approval, election
			for _, c := range optCols {
				on, err := mark(cell(row, c))
				if err != nil {
					bad(c, err)
				} else if on {
					b.Marks = append(b.Marks, vote.Mark{Option: byCol[c.index]})
				}
			}
			for _, c := range writeIns {
				for _, name := range splitNames(cell(row, c)) {
					id, known := r.optionID(name)
					if !known {
						id = vote.OptionID(name)
					}
					b.Marks = append(b.Marks, vote.Mark{Option: id})
				}
			}
		}
		if !ok {
			continue
		}
		ids[b.ID] = n
		if b.Voter != "" {
			voters[b.Voter] = n
		}
		for _, mk := range b.Marks {
			totals[mk.Option] += int64(max(mk.Count, 1))
		}
		r.out = append(r.out, b)
		r.rows++
	}
	// The totals row is checked against a clean sheet only: with bad rows,
	// it cannot agree and would only repeat them.
	if len(r.bad) == 0 && (m == vote.MethodApproval || m == vote.MethodCumulative || m == vote.MethodElection) {
		for _, t := range totalRows {
			for _, c := range optCols {
				s := cell(t.row, c)
				if s == "" {
					continue
				}
				k, err := count(s)
				if err != nil {
					code, args := RowOtherCellProblem, []string{err.Error()}
					if ce, ok := err.(*cellError); ok {
						code, args = ce.code, ce.args
					}
					r.failCode(t.n, c.name, code, args, "totals row: %v", err)
				} else if got := totals[byCol[c.index]]; k != got {
					r.failCode(t.n, c.name, RowTotalsMismatch, []string{itoa(k), itoa(got)}, "totals row says %d, the ballots above give %d", k, got)
				}
			}
		}
	}
	return nil
}

// optionID finds a listed option by id or name: the first option of the
// poll that has it as either. The look-up is a map, built on first use, so
// that a sheet of many columns is read in linear time.
func (r *reader) optionID(name string) (vote.OptionID, bool) {
	if r.byName == nil {
		r.byName = make(map[string]vote.OptionID, 2*len(r.poll.Options))
		for _, o := range r.poll.Options {
			r.index(o)
		}
	}
	id, ok := r.byName[name]
	return id, ok
}

// index adds an option's id and name to the look-up, unless an earlier
// option has them.
func (r *reader) index(o vote.Option) {
	for _, k := range []string{string(o.ID), o.Name} {
		if _, dup := r.byName[k]; !dup {
			r.byName[k] = o.ID
		}
	}
}

// splitNames splits a write-in cell on Chinese and Latin list separators.
func splitNames(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("、,，;；/\n", r) }) {
		if f = clean(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
