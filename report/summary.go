package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gongzhi/gongzhi/catalog"
	"github.com/gongzhi/gongzhi/sheet"
	"github.com/gongzhi/gongzhi/vote"
	"github.com/gongzhi/gongzhi/vote/pb"
	"github.com/gongzhi/gongzhi/vote/ranked"
	"github.com/shopspring/decimal"
)

// Summary is a counted result laid out for people in one language: facts
// (label and value), tables with names rather than ids, and the decision
// in words. A text tool aligns it; Page renders it as HTML.
type Summary struct {
	Lang    Lang
	Title   string
	Facts   []Fact
	Tables  []Table
	Outcome []string
	Notes   []string
}

// Fact is one labelled value ("投票人数: 46").
type Fact struct {
	Label string
	Value string
}

// Table is a table of cells; Right lists the columns of numbers, aligned
// right.
type Table struct {
	Caption string
	Header  []string
	Rows    [][]string
	Right   []int
}

// Summarize lays out a counted result in lang. Direction formatting
// characters in names (U+202A-U+202E, U+2066-U+2069) are shown as their
// code points ("[U+202E]"), so that a name cannot reorder the text after it.
func Summarize(out catalog.Outcome, lang Lang) Summary {
	switch {
	case out.Vote != nil:
		return visibleSummary(summarizeVote(*out.Vote, out.Poll, out, lang))
	case out.Ranked != nil:
		return visibleSummary(summarizeRanked(*out.Ranked, out.Election, lang))
	case out.PB != nil:
		return visibleSummary(summarizePB(*out.PB, out.Instance, lang))
	}
	return Summary{Lang: lang}
}

// rejectText says why a ballot is invalid in lang, from its code (the
// English Reason for a result saved without codes).
func rejectText(rj vote.Rejection, n names, lang Lang) string {
	key := "reject." + string(rj.Code)
	msg, ok := messages[key]
	if rj.Code == "" || !ok {
		return rj.Reason
	}
	if !strings.Contains(msg[0], "%") && !strings.Contains(msg[1], "%") {
		return lang.T(key)
	}
	return lang.T(key, rj.Limit, rj.Value, n.of(rj.Option))
}

// rowText says why a row of a tally sheet was bad, in lang, from its code
// (its English Error for a row without one).
func rowText(re sheet.RowError, lang Lang) string {
	key := "row." + string(re.Code)
	msg, ok := messages[key]
	if re.Code == "" || !ok {
		return re.Error()
	}
	args := make([]any, len(re.Args))
	for i, a := range re.Args {
		args[i] = a
	}
	if re.Code == sheet.RowOwnerConflict && len(args) == 4 {
		args[1], args[3] = lang.TOr("choice."+re.Args[1], re.Args[1]), lang.TOr("choice."+re.Args[3], re.Args[3])
	}
	why := lang.T(key)
	if strings.Contains(msg[0]+msg[1], "%") {
		why = lang.T(key, args...)
	}
	if re.Column != "" {
		return lang.T("row.where", re.Row, re.Column, why)
	}
	return lang.T("row.at", re.Row, why)
}

// names maps option ids to display names.
type names map[vote.OptionID]string

func optionNames(p *vote.Poll) names {
	n := names{}
	if p != nil {
		for _, o := range p.Options {
			if o.Name != "" {
				n[o.ID] = o.Name
			}
		}
	}
	return n
}

func (n names) of(id vote.OptionID) string {
	if s, ok := n[id]; ok {
		return s
	}
	return string(id)
}

func (n names) list(ids []vote.OptionID, lang Lang) string {
	if len(ids) == 0 {
		return lang.T("none")
	}
	var s []string
	for _, id := range ids {
		s = append(s, n.of(id))
	}
	return strings.Join(s, lang.T("list.sep"))
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func ruleTitle(r vote.Rule, lang Lang) string {
	// A preset's catalogue name, in the language asked, is clearer than
	// the rule's own English name.
	for _, e := range catalog.OfKind(catalog.KindVote) {
		if cfg, ok := e.Config(max(r.Seats, 1)).(vote.Rule); ok && sameRule(cfg, r) {
			return lang.Title(e.TitleZH, e.Title)
		}
	}
	if r.Name != "" {
		return r.Name
	}
	return string(r.Method)
}

func sameRule(a, b vote.Rule) bool {
	ja, _ := jsonOf(a)
	jb, _ := jsonOf(b)
	return ja == jb
}

func summarizeVote(res vote.Result, poll *vote.Poll, out catalog.Outcome, lang Lang) Summary {
	n := optionNames(poll)
	r := res.Rule
	s := Summary{Lang: lang, Title: ruleTitle(r, lang)}
	if poll != nil && poll.Title != "" {
		s.Title = poll.Title + " — " + s.Title
	}
	fact := func(k, v string) { s.Facts = append(s.Facts, Fact{lang.T(k), v}) }
	if r.Source != "" {
		fact("fact.source", r.Source)
	}
	if res.Eligible > 0 {
		fact("fact.eligible", itoa(res.Eligible))
		fact("fact.cast", IntRate(res.Cast, res.Eligible))
	} else {
		fact("fact.cast", itoa(res.Cast))
	}
	fact("fact.valid", fmt.Sprintf("%d; %s %d", res.Valid, lang.T("fact.invalid"), res.Invalid))
	if !res.EligibleWeight.IsZero() {
		fact("fact.area", lang.T("area.of", res.CastWeight, res.EligibleWeight))
	}
	if r.Quorum != nil {
		fact("fact.quorum", lang.Threshold(r.Quorum.Ratio, r.Quorum.Base))
	}
	if r.Threshold != nil {
		fact("fact.threshold", lang.Threshold(r.Threshold.Ratio, r.Threshold.Base))
	}
	if out.Sheet != nil {
		v := lang.T("layout." + string(out.Sheet.Layout))
		if !out.Sheet.Auditable {
			v += lang.T("layout.notaudit")
		}
		fact("fact.sheet", v)
	}
	switch r.Method {
	case vote.MethodMotion, vote.MethodDoubleMajority:
		t := Table{Header: []string{lang.T("col.answer"), lang.T("col.ballots"), lang.T("col.share")}, Right: []int{1, 2}}
		if r.Method == vote.MethodDoubleMajority {
			t.Header = append(t.Header, lang.T("col.area"), lang.T("col.areashare"))
			t.Right = append(t.Right, 3, 4)
		}
		for _, o := range res.Options {
			row := []string{lang.T("choice." + string(o.Option)), itoa(o.Votes), IntRate(o.Votes, res.Cast)}
			if r.Method == vote.MethodDoubleMajority {
				row = append(row, o.Weight.String(), Rate(o.Weight, res.CastWeight))
			}
			t.Rows = append(t.Rows, row)
		}
		s.Tables = append(s.Tables, t)
	case vote.MethodSatisfaction:
		t := Table{Header: []string{lang.T("col.rank"), lang.T("col.item")}}
		for _, l := range r.Levels {
			t.Header = append(t.Header, lang.TOr("level."+l, l))
		}
		t.Header = append(t.Header, lang.T("col.satrate"), lang.T("col.result"))
		for i := range r.Levels {
			t.Right = append(t.Right, 2+i)
		}
		t.Right = append(t.Right, 0, 2+len(r.Levels))
		satisfied := satisfactionChecks(res)
		for _, o := range res.Options {
			row := []string{strconv.Itoa(o.Rank), n.of(o.Option)}
			for _, k := range o.Levels {
				row = append(row, itoa(k))
			}
			rate := IntRate(o.Satisfied, o.Votes)
			if c, ok := satisfied[o.Option]; ok {
				rate = Rate(c.Count, c.Base)
			}
			row = append(row, rate, optionVerdict(o, r, lang))
			t.Rows = append(t.Rows, row)
		}
		s.Tables = append(s.Tables, t)
	default:
		t := Table{Header: []string{lang.T("col.rank"), lang.T("col.option"), lang.T("col.votes"), lang.T("col.support"), lang.T("col.result")}, Right: []int{0, 2, 3}}
		if r.Method == vote.MethodElection {
			t.Header[1] = lang.T("col.candidate")
		}
		support := supportChecks(res)
		for _, o := range res.Options {
			name := n.of(o.Option)
			if o.WriteIn {
				name += lang.T("writein")
			}
			rate := IntRate(o.Votes, res.Cast)
			if c, ok := support[o.Option]; ok {
				rate = Rate(c.Count, c.Base)
			}
			t.Rows = append(t.Rows, []string{strconv.Itoa(o.Rank), name, itoa(o.Votes), rate, optionVerdict(o, r, lang)})
		}
		s.Tables = append(s.Tables, t)
	}
	// Poll-wide checks (quorum, approval by heads and area, overall
	// satisfaction); per-option checks are in the table above.
	ct := Table{Caption: lang.T("checks"), Header: []string{lang.T("col.check"), lang.T("col.actual"), lang.T("col.required"), lang.T("col.result")}, Right: []int{1}}
	for _, c := range res.Checks {
		if c.Option != "" {
			continue
		}
		ct.Rows = append(ct.Rows, []string{lang.TOr("check."+c.Name, c.Name), Rate(c.Count, c.Base), lang.Threshold(c.Ratio, c.Of), metText(c.Met, lang)})
	}
	if len(ct.Rows) > 0 {
		s.Tables = append(s.Tables, ct)
	}
	if len(res.Rejected) > 0 {
		rt := Table{Caption: lang.T("rejected"), Header: []string{lang.T("col.ballot"), lang.T("col.reason")}}
		for _, rj := range res.Rejected {
			rt.Rows = append(rt.Rows, []string{string(rj.Ballot), rejectText(rj, n, lang)})
		}
		s.Tables = append(s.Tables, rt)
	}
	s.Outcome = voteOutcome(res, n, lang)
	if out.Sheet != nil {
		for _, sk := range out.Sheet.Skipped {
			s.Notes = append(s.Notes, lang.T("skipped", rowText(sk, lang)))
		}
	}
	if res.Digest != "" {
		s.Notes = append(s.Notes, lang.T("digest", res.Digest))
	}
	return s
}

func optionVerdict(o vote.OptionResult, r vote.Rule, lang Lang) string {
	switch {
	case r.Threshold == nil && r.Select == 0 && r.Method == vote.MethodSatisfaction:
		return "–" // a survey without a pass bar passes nothing
	case o.Selected && r.Method == vote.MethodElection:
		return lang.T("v.elected")
	case o.Selected:
		return lang.T("v.selected")
	case o.Passed && r.Method == vote.MethodElection:
		return lang.T("v.qualified")
	case o.Passed:
		return lang.T("v.passed")
	case r.Method == vote.MethodElection:
		return lang.T("v.notelected")
	}
	return lang.T("v.failed")
}

func metText(met bool, lang Lang) string {
	if met {
		return lang.T("met")
	}
	return lang.T("notmet")
}

func voteOutcome(res vote.Result, n names, lang Lang) []string {
	var out []string
	r := res.Rule
	switch {
	case res.Void:
		out = append(out, lang.T("out.void", res.VoidReason))
	case r.Method == vote.MethodMotion || r.Method == vote.MethodDoubleMajority:
		if res.Adopted {
			out = append(out, lang.T("out.adopted"))
		} else {
			out = append(out, lang.T("out.rejected"))
		}
	case r.Method == vote.MethodElection:
		out = append(out, lang.T("out.elected", n.list(res.Selected, lang), len(res.Selected), r.Seats))
	case r.Method == vote.MethodSatisfaction && r.Threshold == nil && r.Select == 0:
		var sat, all int64
		for _, o := range res.Options {
			sat += o.Satisfied
			all += o.Votes
		}
		out = append(out, lang.T("out.satisfaction", IntRate(sat, all)))
	case r.Select > 0:
		out = append(out, lang.T("out.passed", n.list(res.Passed, lang)), lang.T("out.selected", n.list(res.Selected, lang)))
	default:
		out = append(out, lang.T("out.passed", n.list(res.Passed, lang)))
	}
	for _, t := range res.Ties {
		if !t.Resolved() {
			out = append(out, lang.T("out.tie", n.list(t.Among, lang), t.Places))
		}
	}
	if len(res.Revote) > 0 {
		out = append(out, lang.T("out.revote", n.list(res.Revote, lang)))
	}
	if res.Runoff != nil {
		out = append(out, lang.T("out.runoff", res.Runoff.Seats, n.list(res.Runoff.Candidates, lang)))
	}
	return out
}

func summarizeRanked(res ranked.Result, e *ranked.Election, lang Lang) Summary {
	s := Summary{Lang: lang, Title: lang.TOr("method."+string(res.Method), string(res.Method)) + " (" + string(res.Method) + ")"}
	if e != nil && e.Title != "" {
		s.Title = e.Title + " — " + s.Title
	}
	s.Facts = append(s.Facts, Fact{lang.T("fact.seats"), strconv.Itoa(res.Seats)}, Fact{lang.T("fact.ballots"), itoa(res.Ballots)})
	if len(res.Rounds) > 0 {
		cands := roundCandidates(res, e)
		t := Table{Caption: lang.T("rounds"), Header: []string{lang.T("col.candidate")}}
		for _, rd := range res.Rounds {
			t.Header = append(t.Header, lang.T("col.round", rd.Number))
			t.Right = append(t.Right, len(t.Header)-1)
		}
		for _, c := range cands {
			row := []string{c}
			for _, rd := range res.Rounds {
				v, ok := rd.Tally[c]
				cellText := ""
				if ok {
					cellText = v.String()
				}
				if slices.Contains(rd.Elected, c) {
					cellText += " ✔"
				}
				if slices.Contains(rd.Eliminated, c) {
					cellText += " ✘"
				}
				row = append(row, cellText)
			}
			t.Rows = append(t.Rows, row)
		}
		ex := []string{lang.T("exhausted")}
		q := []string{lang.T("quota")}
		for _, rd := range res.Rounds {
			ex = append(ex, rd.Exhausted.String())
			q = append(q, rd.Threshold.String())
		}
		t.Rows = append(t.Rows, ex, q)
		s.Tables = append(s.Tables, t)
		s.Notes = append(s.Notes, lang.T("rounds.legend"))
	}
	if len(res.Ranking) > 0 {
		t := Table{Caption: lang.T("ranking"), Header: []string{lang.T("col.rank"), lang.T("col.candidate"), lang.T("col.score")}, Right: []int{0, 2}}
		for i, c := range res.Ranking {
			t.Rows = append(t.Rows, []string{strconv.Itoa(i + 1), c, res.Scores[c].String()})
		}
		s.Tables = append(s.Tables, t)
	}
	for _, t := range res.Ties {
		s.Notes = append(s.Notes, lang.T("ranked.tie", strings.Join(t.Among, lang.T("list.sep")), t.Chosen, string(t.By)))
	}
	s.Outcome = []string{lang.T("out.winners", strings.Join(res.Winners, lang.T("list.sep")))}
	return s
}

// roundCandidates lists the candidates of a ranked count in ballot-file
// order, or by first-round votes when the election is unknown.
func roundCandidates(res ranked.Result, e *ranked.Election) []string {
	if e != nil {
		var out []string
		for _, c := range e.Candidates {
			if _, ok := res.Rounds[0].Tally[c]; ok {
				out = append(out, c)
			}
		}
		return out
	}
	var out []string
	for c := range res.Rounds[0].Tally {
		out = append(out, c)
	}
	first := res.Rounds[0].Tally
	slices.SortFunc(out, func(a, b string) int {
		if c := first[b].Cmp(first[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return out
}

func summarizePB(res pb.Result, in *pb.Instance, lang Lang) Summary {
	s := Summary{Lang: lang, Title: lang.TOr("method."+string(res.Method), string(res.Method)) + " (" + string(res.Method) + ")"}
	names := map[string]string{}
	cost := map[string]decimal.Decimal{}
	if in != nil {
		if d := in.Meta["description"]; d != "" {
			s.Title = d + " — " + s.Title
		}
		for _, p := range in.Projects {
			names[p.ID] = p.Name
			cost[p.ID] = p.Cost
		}
	}
	s.Facts = append(s.Facts,
		Fact{lang.T("fact.budget"), res.Budget.String()},
		Fact{lang.T("fact.spent"), Rate(res.Cost, res.Budget)},
		Fact{lang.T("fact.left"), res.Budget.Sub(res.Cost).String()},
		Fact{lang.T("fact.voters"), strconv.Itoa(res.Voters)})
	t := Table{Caption: lang.T("rounds"), Header: []string{"#", lang.T("col.project"), lang.T("col.phase"), lang.T("col.cost"), lang.T("col.score"), lang.T("col.result"), lang.T("col.left")}, Right: []int{0, 3, 4, 6}}
	for _, rd := range res.Rounds {
		name := rd.Project
		if nm := names[rd.Project]; nm != "" {
			name = nm + " (" + rd.Project + ")"
		}
		v := lang.T("v.notfunded")
		if rd.Selected {
			v = lang.T("v.funded")
		}
		t.Rows = append(t.Rows, []string{strconv.Itoa(rd.Number), name, lang.TOr("phase."+rd.Phase, rd.Phase), rd.Cost.String(), rd.Score.String(), v, rd.Left.String()})
	}
	s.Tables = append(s.Tables, t)
	var won []string
	for _, w := range res.Winners {
		if nm := names[w]; nm != "" {
			won = append(won, nm)
		} else {
			won = append(won, w)
		}
	}
	s.Outcome = []string{lang.T("out.funded", len(res.Winners), res.Cost.String(), res.Budget.String())}
	if len(won) <= 40 {
		s.Outcome = append(s.Outcome, strings.Join(won, lang.T("list.sep")))
	}
	return s
}

// satisfactionChecks returns each option's first "satisfaction" check (as
// vote.Result.Check finds it), so that a table of many options is built
// in linear time.
func satisfactionChecks(res vote.Result) map[vote.OptionID]vote.Check {
	out := map[vote.OptionID]vote.Check{}
	for _, c := range res.Checks {
		if _, seen := out[c.Option]; !seen && c.Name == "satisfaction" {
			out[c.Option] = c
		}
	}
	return out
}

// supportChecks returns each option's support or seat check, the bar its
// votes are measured against (the last one, should a saved result hold
// several).
func supportChecks(res vote.Result) map[vote.OptionID]vote.Check {
	out := map[vote.OptionID]vote.Check{}
	for _, c := range res.Checks {
		if c.Name == "support" || c.Name == "seat" {
			out[c.Option] = c
		}
	}
	return out
}
