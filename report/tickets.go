package report

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"time"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/ticket"
)

// TicketOptions configure a ticket dashboard.
type TicketOptions struct {
	Lang Lang
	// Title names the dashboard; empty means a generic title.
	Title string
	// At is the instant the dashboard stands at: SLA clocks and overdue
	// tickets are judged then. Required.
	At time.Time
	// View, if set, rolls the tickets up to their communities and grids
	// (grid.LevelCommunity, grid.LevelGrid of the default hierarchy) and
	// names them; without it tickets are grouped by their location.
	View *grid.View
	// Weights weigh the three rates in the composite; the zero value means
	// ticket.EqualThirds.
	Weights ticket.Weights
	// Trend is the period of the volume trend; "" means monthly.
	Trend ticket.Granularity
	// Location is the zone periods are cut in; nil means UTC.
	Location *time.Location
}

// slaStatus is where a ticket stands against its time limits.
type slaStatus int

const (
	slaOnTrack slaStatus = iota
	slaWarning
	slaBreached
	slaDone
)

func statusOf(t ticket.Ticket, at time.Time) slaStatus {
	s := ticket.StatusAt(t, at)
	switch {
	case len(s.Breached) > 0:
		return slaBreached
	case len(s.Warning) > 0:
		return slaWarning
	}
	for _, c := range s.Clocks {
		if c.Phase == ticket.OnTrack || c.Phase == ticket.PausedPh {
			return slaOnTrack
		}
	}
	return slaDone
}

// TicketsPage renders a dashboard of tickets as one self-contained HTML
// page: the three rates (响应率, 解决率, 满意率) overall, per community and
// per grid, the SLA status of every ticket at opts.At (on track, warning,
// breached, done in time), the level that resolved them, and the volume
// trend per channel with the change of the hotline volume from the first
// period to the last (as the Daxing one-building-one-code report shows it:
// 490 -> 196). Equal inputs give identical bytes.
func TicketsPage(ts []ticket.Ticket, opts TicketOptions) ([]byte, error) {
	lang := opts.Lang
	if lang == "" {
		lang = Chinese
	}
	if opts.At.IsZero() {
		return nil, fmt.Errorf("report: a ticket dashboard needs the instant it stands at")
	}
	w := opts.Weights
	if w.Response+w.Resolution+w.Satisfaction == 0 {
		w = ticket.EqualThirds()
	}
	if err := w.Validate(); err != nil {
		return nil, err
	}
	g := opts.Trend
	if g == "" {
		g = ticket.Monthly
	}
	facts := make([]ticket.Fact, len(ts))
	for i := range ts {
		facts[i] = ticket.FactAt(ts[i], opts.At)
	}
	seq := func(yield func(ticket.Fact) bool) {
		for _, f := range facts {
			if !yield(f) {
				return
			}
		}
	}
	var all ticket.Tally
	for i := range facts {
		all.Add(&facts[i])
	}
	sc := all.Score(w)
	title := opts.Title
	if title == "" {
		title = lang.T("tk.title")
	}
	d := pageData{Lang: map[Lang]string{Chinese: "zh-CN", English: "en"}[lang], Title: title, LabelResult: lang.T("page.result"),
		Footer: lang.T("page.generatedby")}
	fact := func(k, v string) { d.Facts = append(d.Facts, Fact{lang.T(k), v}) }
	fact("tk.at", lang.DateTime(opts.At, nil)+" ("+opts.At.Format("MST")+")")
	fact("tk.tickets", strconv.FormatInt(all.Tickets, 10))
	fact("tk.dispatched", strconv.FormatInt(all.Dispatched, 10))
	fact("tk.weights", w.Name+" ("+strconv.FormatInt(w.Response, 10)+"/"+strconv.FormatInt(w.Resolution, 10)+"/"+strconv.FormatInt(w.Satisfaction, 10)+")")
	fact("tk.composite", sc.Composite.StringFixed(2)+" %")

	// The three rates overall.
	rateBar := func(label string, r ticket.Rate) bar {
		return bar{label: label, value: IntRate(r.Num, r.Den), share: ishare(r.Num, r.Den), fill: colSelected}
	}
	d.Charts = append(d.Charts, figure{HTML: template.HTML(barChart(lang.T("tk.rates"), []bar{
		rateBar(lang.T("tk.response"), sc.Response), rateBar(lang.T("tk.resolution"), sc.Resolution), rateBar(lang.T("tk.satisfaction"), sc.Satisfaction),
	}, -1, ""))})

	// SLA status at opts.At.
	var counts [4]int64
	for i := range ts {
		counts[statusOf(ts[i], opts.At)]++
	}
	n := int64(len(ts))
	cols := [4]string{colPassed, "#fdb863", colNo, colSelected}
	keys := [4]string{"tk.ontrack", "tk.warning", "tk.breached", "tk.done"}
	var segs, legend []segment
	st := Table{Caption: lang.T("tk.sla"), Header: []string{lang.T("tk.status"), lang.T("tk.count"), lang.T("tk.share")}, Right: []int{1, 2}}
	for k := range counts {
		s := segment{share: ishare(counts[k], n), fill: cols[k], label: lang.T(keys[k]) + " " + strconv.FormatInt(counts[k], 10)}
		segs = append(segs, s)
		legend = append(legend, s)
		st.Rows = append(st.Rows, []string{lang.T(keys[k]), strconv.FormatInt(counts[k], 10), IntRate(counts[k], n)})
	}
	d.Charts = append(d.Charts, figure{HTML: template.HTML(stackedChart(lang.T("tk.sla"), []string{lang.T("tk.all")}, [][]segment{segs}, legend, -1, ""))})

	// Volume trend per channel.
	points := ticket.Volume(seq, g, opts.Location)
	var periods []string
	byChannel := map[ticket.Channel]map[string]int64{}
	for _, p := range points {
		if !slices.Contains(periods, p.Period) {
			periods = append(periods, p.Period)
		}
		if byChannel[p.Channel] == nil {
			byChannel[p.Channel] = map[string]int64{}
		}
		byChannel[p.Channel][p.Period] = p.Count
	}
	var ss []series
	vt := Table{Caption: lang.T("tk.trend"), Header: []string{lang.T("tk.period")}, Right: []int{}}
	for _, ch := range ticket.Channels() {
		if byChannel[ch] == nil {
			continue
		}
		vt.Header = append(vt.Header, lang.TOr("channel."+string(ch), string(ch)))
		vt.Right = append(vt.Right, len(vt.Header)-1)
		s := series{label: lang.TOr("channel."+string(ch), string(ch))}
		for _, p := range periods {
			s.points = append(s.points, float64(byChannel[ch][p]))
			s.marks = append(s.marks, "")
		}
		ss = append(ss, s)
	}
	for _, p := range periods {
		row := []string{p}
		for _, ch := range ticket.Channels() {
			if byChannel[ch] != nil {
				row = append(row, strconv.FormatInt(byChannel[ch][p], 10))
			}
		}
		vt.Rows = append(vt.Rows, row)
	}
	if len(periods) > 0 {
		d.Charts = append(d.Charts, figure{HTML: template.HTML(lineChart(lang.T("tk.trend"), "%d", periods, ss, 0, nil, ""))})
	}
	if h := byChannel[ticket.Hotline]; h != nil && len(periods) > 1 {
		from, to := h[periods[0]], h[periods[len(periods)-1]]
		ch := ticket.Change(from, to)
		change := "–"
		if ch.Defined() {
			change = Percent(decimalOf(ch.Num), decimalOf(ch.Den))
		}
		d.Outcome = append(d.Outcome, lang.T("tk.hotline", periods[0], from, periods[len(periods)-1], to, change))
	}
	d.Outcome = append(d.Outcome, lang.T("tk.summary", IntRate(sc.Response.Num, sc.Response.Den), IntRate(sc.Resolution.Num, sc.Resolution.Den), IntRate(sc.Satisfaction.Num, sc.Satisfaction.Den)))

	// The three rates per community and per grid (or per location).
	groups := []struct {
		caption string
		level   grid.Level
	}{{lang.T("tk.bycommunity"), grid.LevelCommunity}, {lang.T("tk.bygrid"), grid.LevelGrid}}
	if opts.View == nil {
		groups = groups[:0]
		d.Tables = append(d.Tables, layoutTables([]Table{rateTable(lang.T("tk.bylocation"), lang.T("tk.location"), ticket.TallyBy(seq, func(f *ticket.Fact) string { return string(f.Node) }), w, func(s string) string { return s }, lang)})...)
	}
	for _, gr := range groups {
		v := opts.View
		by := ticket.TallyBy(seq, func(f *ticket.Fact) string {
			if id, ok := v.AncestorAt(f.Node, gr.level); ok {
				return string(id)
			}
			return ""
		})
		name := func(id string) string {
			if id == "" {
				return lang.T("tk.unplaced")
			}
			if nd, err := v.Node(grid.ID(id)); err == nil && nd.Name != "" {
				if gr.level == grid.LevelGrid {
					if p, ok := v.Parent(grid.ID(id)); ok {
						if pn, err := v.Node(p); err == nil && pn.Name != "" {
							return pn.Name + " " + nd.Name
						}
					}
				}
				return nd.Name
			}
			return id
		}
		d.Tables = append(d.Tables, layoutTables([]Table{rateTable(gr.caption, lang.T("tk.place"), by, w, name, lang)})...)
	}
	// Resolved per handling level.
	lt := Table{Caption: lang.T("tk.levels"), Header: []string{lang.T("tk.level"), lang.T("tk.count"), lang.T("tk.share")}, Right: []int{1, 2}}
	for i, l := range ticket.Levels() {
		if all.ByLevel[i] > 0 {
			lt.Rows = append(lt.Rows, []string{lang.TOr("level."+string(l), string(l)), strconv.FormatInt(all.ByLevel[i], 10), IntRate(all.ByLevel[i], all.Resolved)})
		}
	}
	d.Tables = append(d.Tables, layoutTables([]Table{st, lt, vt})...)
	d.Notes = append(d.Notes, lang.T("tk.definition", sc.Definition.Response, sc.Definition.Resolution, sc.Definition.Satisfaction), sc.Definition.Source)
	var b bytes.Buffer
	if err := pageTemplate.Execute(&b, struct {
		pageData
		CSS template.CSS
	}{d, template.CSS(pageCSS)}); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	// Names may hold direction formatting characters: shown, not obeyed.
	return []byte(visible(b.String())), nil
}

// rateTable lists the three rates and the composite of each group, sorted
// by name.
func rateTable(caption, col string, by map[string]*ticket.Tally, w ticket.Weights, name func(string) string, lang Lang) Table {
	t := Table{Caption: caption, Header: []string{col, lang.T("tk.tickets"), lang.T("tk.response"), lang.T("tk.resolution"), lang.T("tk.satisfaction"), lang.T("tk.composite")},
		Right: []int{1, 2, 3, 4, 5}}
	ids := make([]string, 0, len(by))
	for id := range by {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int {
		na, nb := name(a), name(b)
		if na != nb {
			if na < nb {
				return -1
			}
			return 1
		}
		if a < b {
			return -1
		} else if a > b {
			return 1
		}
		return 0
	})
	for _, id := range ids {
		s := by[id].Score(w)
		t.Rows = append(t.Rows, []string{name(id), strconv.FormatInt(s.Tickets, 10), IntRate(s.Response.Num, s.Response.Den),
			IntRate(s.Resolution.Num, s.Resolution.Den), IntRate(s.Satisfaction.Num, s.Satisfaction.Den), s.Composite.StringFixed(2) + " %"})
	}
	return t
}
