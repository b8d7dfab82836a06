package report

import (
	"math"
	"slices"
	"strconv"

	"github.com/gongzhi/gongzhi/catalog"
	"github.com/gongzhi/gongzhi/vote"
	"github.com/gongzhi/gongzhi/vote/pb"
	"github.com/gongzhi/gongzhi/vote/ranked"
	"github.com/shopspring/decimal"
)

// ratioShare is a threshold ratio as a share of 1, for drawing.
func ratioShare(r vote.Ratio) float64 {
	if r.Den <= 0 {
		return -1
	}
	return float64(r.Num) / float64(r.Den)
}

func fshare(count, base decimal.Decimal) float64 {
	if !base.IsPositive() {
		return 0
	}
	f, _ := count.DivRound(base, 6).Float64()
	return math.Min(math.Max(f, 0), 1)
}

func ishare(count, base int64) float64 {
	return fshare(decimal.NewFromInt(count), decimal.NewFromInt(base))
}

// charts draws the result's charts as inline SVG.
func charts(out catalog.Outcome, lang Lang) []string {
	switch {
	case out.Vote != nil:
		return voteCharts(*out.Vote, optionNames(out.Poll), lang)
	case out.Ranked != nil:
		return rankedCharts(*out.Ranked, out.Election, lang)
	case out.PB != nil:
		return pbCharts(*out.PB, out.Instance, lang)
	}
	return nil
}

func voteCharts(res vote.Result, n names, lang Lang) []string {
	r := res.Rule
	switch r.Method {
	case vote.MethodDoubleMajority:
		return ownersGauges(res, lang)
	case vote.MethodMotion:
		var segs []segment
		var legend []segment
		cols := map[vote.OptionID]string{"yes": colYes, "no": colNo, "abstain": colAbstain}
		for _, o := range res.Options {
			s := segment{share: ishare(o.Votes, res.Cast), fill: cols[o.Option], label: lang.T("choice."+string(o.Option)) + " " + strconv.FormatInt(o.Votes, 10)}
			segs = append(segs, s)
			legend = append(legend, s)
		}
		line, label := -1.0, ""
		if r.Threshold != nil {
			line, label = ratioShare(r.Threshold.Ratio), Percent(decimal.NewFromInt(r.Threshold.Num), decimal.NewFromInt(r.Threshold.Den))
		}
		return []string{stackedChart(lang.T("chart.motion"), []string{lang.T("col.answer")}, [][]segment{segs}, legend, line, label)}
	case vote.MethodSatisfaction:
		fills := []string{colSelected, colPassed, colNo, "#fdb863", "#b2abd2"}
		var labels []string
		var rows [][]segment
		for _, o := range res.Options {
			labels = append(labels, n.of(o.Option))
			var segs []segment
			for l, k := range o.Levels {
				segs = append(segs, segment{share: ishare(k, max(o.Votes, 1)), fill: fills[l%len(fills)]})
			}
			rows = append(rows, segs)
		}
		var legend []segment
		for l, name := range r.Levels {
			legend = append(legend, segment{fill: fills[l%len(fills)], label: lang.TOr("level."+name, name)})
		}
		line, label := -1.0, ""
		if r.Threshold != nil {
			line, label = ratioShare(r.Threshold.Ratio), Percent(decimal.NewFromInt(r.Threshold.Num), decimal.NewFromInt(r.Threshold.Den))
		}
		return []string{stackedChart(lang.T("chart.satisfaction"), labels, rows, legend, line, label)}
	}
	// Approval, cumulative, election: a bar per option against the
	// support line.
	var rows []bar
	support := supportChecks(res)
	for _, o := range res.Options {
		count, base := decimal.NewFromInt(o.Votes), decimal.NewFromInt(res.Cast)
		if c, ok := support[o.Option]; ok {
			count, base = c.Count, c.Base
		}
		fill := colFailed
		if o.Selected {
			fill = colSelected
		} else if o.Passed {
			fill = colPassed
		}
		label := n.of(o.Option)
		if o.WriteIn {
			label += lang.T("writein")
		}
		value := strconv.FormatInt(o.Votes, 10) + " · " + Percent(count, base)
		if o.Selected {
			value += " ★"
		}
		rows = append(rows, bar{label: label, value: value, share: fshare(count, base), fill: fill})
	}
	line, label := -1.0, ""
	if r.Threshold != nil {
		line, label = ratioShare(r.Threshold.Ratio), lang.T("chart.line", Percent(decimal.NewFromInt(r.Threshold.Num), decimal.NewFromInt(r.Threshold.Den)))
	}
	title := lang.T("chart.support")
	if r.Method == vote.MethodElection {
		title = lang.T("chart.election")
	}
	return []string{barChart(title, rows, line, label) + legendNote(r, lang)}
}

// legendNote explains the bar colours under a bar chart.
func legendNote(r vote.Rule, lang Lang) string {
	sel, passed, failed := lang.T("v.selected"), lang.T("v.passed"), lang.T("v.failed")
	if r.Method == vote.MethodElection {
		sel, passed, failed = lang.T("v.elected"), lang.T("v.qualified"), lang.T("v.notelected")
	}
	return `<figcaption class="legend"><span class="sw" style="background:` + colSelected + `"></span>★ ` + esc(sel) +
		` <span class="sw" style="background:` + colPassed + `"></span>` + esc(passed) +
		` <span class="sw" style="background:` + colFailed + `"></span>` + esc(failed) + `</figcaption>`
}

// ownersGauges draws the two gauges of an owners' decision: by area and
// by headcount, each with participation (outer ring) against the quorum
// and agreement (inner ring) against the approval threshold.
func ownersGauges(res vote.Result, lang Lang) []string {
	get := func(name string) (vote.Check, bool) { return res.Check(name, "") }
	var out []string
	for _, g := range []struct{ title, part, appr string }{
		{lang.T("gauge.area"), "participation area", "approval area"},
		{lang.T("gauge.heads"), "participation owners", "approval owners"},
	} {
		var rings []gaugeRing
		if c, ok := get(g.part); ok {
			rings = append(rings, gaugeRing{label: lang.T("gauge.part"), share: fshare(c.Count, c.Base), threshold: ratioShare(c.Ratio), met: c.Met, value: gaugeValue(c, lang)})
		}
		if c, ok := get(g.appr); ok {
			rings = append(rings, gaugeRing{label: lang.T("gauge.yes"), share: fshare(c.Count, c.Base), threshold: ratioShare(c.Ratio), met: c.Met, value: gaugeValue(c, lang)})
		}
		if len(rings) > 0 {
			out = append(out, gauge(g.title, rings))
		}
	}
	if len(out) > 0 {
		out[len(out)-1] += `<figcaption class="legend">` + esc(lang.T("gauge.legend")) + `</figcaption>`
	}
	return out
}

// gaugeValue renders a check for a gauge label: "82.12 %，需不少于 2/3 ✔".
func gaugeValue(c vote.Check, lang Lang) string {
	mark := "✘"
	if c.Met {
		mark = "✔"
	}
	op := "gauge.least"
	if !c.Ratio.Inclusive {
		op = "gauge.more"
	}
	return Percent(c.Count, c.Base) + lang.T(op, c.Ratio.Num, c.Ratio.Den) + " " + mark
}

func rankedCharts(res ranked.Result, e *ranked.Election, lang Lang) []string {
	if len(res.Rounds) == 0 {
		if len(res.Ranking) == 0 {
			return nil
		}
		var rows []bar
		top := decimal.Zero
		for _, c := range res.Ranking {
			if s := res.Scores[c]; s.GreaterThan(top) {
				top = s
			}
		}
		for _, c := range res.Ranking {
			fill := colFailed
			if slices.Contains(res.Winners, c) {
				fill = colSelected
			}
			rows = append(rows, bar{label: c, value: res.Scores[c].String(), share: fshare(res.Scores[c], top), fill: fill})
		}
		return []string{barChart(lang.T("ranking"), rows, -1, "")}
	}
	cands := roundCandidates(res, e)
	var ss []series
	for _, c := range cands {
		s := series{label: c}
		gone := false
		for _, rd := range res.Rounds {
			v, ok := rd.Tally[c]
			mark := ""
			switch {
			case slices.Contains(rd.Elected, c):
				mark = "elected"
			case slices.Contains(rd.Eliminated, c):
				mark = "eliminated"
			}
			if !ok || gone {
				s.points = append(s.points, math.NaN())
				s.marks = append(s.marks, "")
				continue
			}
			f, _ := v.Float64()
			s.points = append(s.points, f)
			s.marks = append(s.marks, mark)
			if mark == "eliminated" {
				gone = true
			}
		}
		ss = append(ss, s)
	}
	var quota []float64
	for _, rd := range res.Rounds {
		f, _ := rd.Threshold.Float64()
		quota = append(quota, f)
	}
	return []string{lineChart(lang.T("chart.rounds"), lang.T("col.round"), nil, ss, 0, quota, lang.T("quota"))}
}

func pbCharts(res pb.Result, in *pb.Instance, lang Lang) []string {
	names := map[string]string{}
	if in != nil {
		for _, p := range in.Projects {
			names[p.ID] = p.Name
		}
	}
	const w, h, top, barH = 720.0, 120.0, 30.0, 40.0
	var segs []string
	x := 0.0
	for i, id := range res.Winners {
		var cost decimal.Decimal
		for _, rd := range res.Rounds {
			if rd.Project == id && rd.Selected {
				cost = rd.Cost
			}
		}
		wd := w * fshare(cost, res.Budget)
		segs = append(segs, rect(x, top, wd, barH, palette[i%len(palette)]))
		x += wd
	}
	segs = append(segs, rect(x, top, w-x, barH, "#eeeeee"))
	body := text(0, 16, "start", "ct", lang.T("chart.budget"))
	for _, s := range segs {
		body += s
	}
	body += text(0, top+barH+22, "start", "cv", lang.T("fact.spent")+" "+Rate(res.Cost, res.Budget))
	body += text(w, top+barH+22, "end", "cv", lang.T("fact.left")+" "+res.Budget.Sub(res.Cost).String())
	out := []string{svg(w, h, lang.T("chart.budget"), body)}
	// The funded projects by cost, named.
	var rows []bar
	for i, id := range res.Winners {
		var cost decimal.Decimal
		for _, rd := range res.Rounds {
			if rd.Project == id && rd.Selected {
				cost = rd.Cost
			}
		}
		label := id
		if names[id] != "" {
			label = names[id]
		}
		rows = append(rows, bar{label: label, value: cost.String(), share: fshare(cost, res.Budget), fill: palette[i%len(palette)]})
	}
	if len(rows) > 0 && len(rows) <= 40 {
		out = append(out, barChart(lang.T("chart.funded"), rows, -1, ""))
	}
	return out
}
