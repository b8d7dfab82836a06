package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/catalog"
)

//go:embed page.css
var pageCSS string

//go:embed page.html.tmpl
var pageTmpl string

// pageTemplate is parsed once; it is read-only.
var pageTemplate = template.Must(template.New("page").Parse(pageTmpl))

// Notice turns a result page into a publicity notice (公示): who posts it,
// what it says, how long it is posted (computed on the calendar) and where
// to object.
type Notice struct {
	// Issuer is the body that posts the notice (e.g. 某某社区居民委员会).
	Issuer string
	// Title is the notice's title; empty means a title from the result.
	Title string
	// Body holds the notice's paragraphs, before the result.
	Body []string
	// Posted is when the notice goes up; the publicity period starts then.
	Posted time.Time
	// Period is how long it stays up, counted on Calendar (for example 5
	// working days, or one month); the notice states it as given, with
	// its last day.
	Period   calendar.Period
	Calendar *calendar.Calendar
	// Objections says where and how residents may object during the
	// period.
	Objections string
	// BallotList appends the published ballot list: every ballot's number,
	// what it marked and its check code (the first 16 hex digits of
	// vote.Ballot.Hash), so that a voter who knows their ballot's number
	// can find it and anyone can recompute the digest. Leave it off for
	// ballots that name their voters unless the rules allow publishing
	// them.
	BallotList bool
}

// PageOptions configure a page. The zero value renders a Chinese result
// page.
type PageOptions struct {
	Lang Lang
	// Notice, if set, renders the page as a publicity notice.
	Notice *Notice
	// Generated is printed in the footer; the zero time prints nothing, so
	// that pages are reproducible.
	Generated time.Time
}

// figure is one chart of a page; half-width charts (gauges) sit side by
// side on a wide screen.
type figure struct {
	HTML template.HTML
	Half bool
}

// pageData is what the template renders.
type pageData struct {
	Lang        string
	Title       string
	Issuer      string
	Kicker      string
	Body        []string
	Facts       []Fact
	Charts      []figure
	Tables      []pageTable
	Outcome     []string
	Notes       []string
	Period      string
	Objections  string
	Digest      string
	DigestHelp  string
	Posted      string
	Footer      string
	IsNotice    bool
	LabelPeriod string
	LabelObject string
	LabelDigest string
	LabelResult string
}

// Page renders a counted result as one self-contained HTML page: inline
// CSS and SVG, no scripts, no fonts or images from the network, printable
// on A4 and readable on a phone. Equal inputs give identical bytes. A
// notice whose period cannot be computed on its calendar is an error.
func Page(out catalog.Outcome, opts PageOptions) ([]byte, error) {
	lang := opts.Lang
	if lang == "" {
		lang = Chinese
	}
	s := Summarize(out, lang)
	d := pageData{Lang: map[Lang]string{Chinese: "zh-CN", English: "en"}[lang], Title: s.Title, Facts: s.Facts,
		Outcome: s.Outcome, Notes: s.Notes, LabelResult: lang.T("page.result"), LabelPeriod: lang.T("fact.period"),
		LabelObject: lang.T("fact.object"), LabelDigest: lang.T("fact.digest")}
	for _, c := range charts(out, lang) {
		// Charts are built from escaped text and formatted numbers only.
		d.Charts = append(d.Charts, figure{HTML: template.HTML(c), Half: strings.Contains(c, `class="chart gauge"`)})
	}
	d.Tables = layoutTables(chunkTables(s.Tables, 7))
	if n := opts.Notice; n != nil {
		d.IsNotice = true
		d.Kicker = lang.T("notice.kicker")
		d.Issuer = n.Issuer
		if n.Title != "" {
			d.Title = n.Title
		} else {
			d.Title = lang.T("notice.title", s.Title)
		}
		d.Body = n.Body
		period, err := noticePeriod(*n, lang)
		if err != nil {
			return nil, err
		}
		d.Period = period
		d.Objections = n.Objections
		if !n.Posted.IsZero() {
			d.Posted = lang.Date(n.Posted, n.Calendar)
		}
		if n.BallotList && out.Vote != nil && len(out.Ballots) > 0 {
			d.Tables = append(d.Tables, layoutTables([]Table{BallotList(out, lang)})...)
		}
		if out.Vote != nil && out.Vote.Digest != "" {
			d.Digest = out.Vote.Digest
			d.DigestHelp = lang.T("notice.digest", out.Vote.Cast)
			// The digest is shown with its own explanation; drop the note.
			d.Notes = slicesDelete(d.Notes, lang.T("digest", out.Vote.Digest))
		}
	}
	if !opts.Generated.IsZero() {
		d.Footer = lang.T("page.generated", opts.Generated.Format(time.RFC3339))
	} else {
		d.Footer = lang.T("page.generatedby")
	}
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

func slicesDelete(ss []string, s string) []string {
	var out []string
	for _, x := range ss {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// noticePeriod renders the publicity period as the notice gives it ("公示
// 一个月", "公示 5 个工作日") with its first and last day on the notice's
// calendar: a period of days or months ends with its last day (moved to
// the next working day when that is a day off, as the notice then says),
// one of working days or hours at the time the calendar gives.
func noticePeriod(n Notice, lang Lang) (string, error) {
	if n.Posted.IsZero() || n.Period.Unit == "" {
		return "", nil
	}
	if n.Calendar == nil {
		return "", fmt.Errorf("report: the notice's period %s needs a calendar", n.Period)
	}
	e, err := n.Period.Explain(n.Calendar, n.Posted)
	if err != nil {
		return "", fmt.Errorf("report: publicity period: %w", err)
	}
	name := lang.period(n.Period)
	if lang == Chinese && name[0] >= '0' && name[0] <= '9' {
		name = " " + name // 公示 5 个工作日, but 公示一个月
	}
	switch n.Period.Unit {
	case calendar.NaturalDays, calendar.Months:
		// The period ends at 24:00 of its last day (Deadline returns
		// 00:00 of the day after): name the day.
		last := lang.Date(e.Deadline.Add(-time.Nanosecond), n.Calendar)
		s := lang.T("notice.period.days", name, lang.Date(n.Posted, n.Calendar), last)
		if len(e.Skipped) > 0 {
			s += lang.T("notice.period.moved", lang.civil(e.Skipped[0].Date), last)
		}
		return s, nil
	}
	s := lang.T("notice.period", name, lang.Date(n.Posted, n.Calendar), lang.DateTime(e.Deadline, n.Calendar))
	if len(e.Skipped) > 0 && n.Period.Unit == calendar.NaturalDaysToClose {
		s += lang.T("notice.period.moved", lang.civil(e.Skipped[0].Date), lang.Date(e.Deadline, n.Calendar))
	}
	return s, nil
}

// civil renders a calendar day like Date.
func (l Lang) civil(d calendar.Date) string {
	return l.Date(time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC), nil)
}

// period names a period as a notice states it: "一个月", "5 个工作日",
// "7 日"; in English as calendar.Period.String does.
func (l Lang) period(p calendar.Period) string {
	if l == English {
		return p.String()
	}
	switch p.Unit {
	case calendar.Months:
		if p.N >= 1 && p.N <= 10 {
			return []string{"", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"}[p.N] + "个月"
		}
		return fmt.Sprintf("%d 个月", p.N)
	case calendar.NaturalDays, calendar.NaturalDaysToClose:
		return fmt.Sprintf("%d 日", p.N)
	case calendar.WorkingDays:
		return fmt.Sprintf("%d 个工作日", p.N)
	case calendar.WorkingHours:
		return fmt.Sprintf("%d 个工作小时", p.N)
	case calendar.WorkingMinutes:
		return fmt.Sprintf("%d 个工作分钟", p.N)
	case calendar.Hours:
		return fmt.Sprintf("%d 小时", p.N)
	case calendar.Minutes:
		return fmt.Sprintf("%d 分钟", p.N)
	}
	return p.String()
}

// Date renders t's day in the calendar's zone: "2025年12月8日" or
// "8 December 2025".
func (l Lang) Date(t time.Time, cal *calendar.Calendar) string {
	if cal != nil {
		t = t.In(cal.Location())
	}
	if l == English {
		return t.Format("2 January 2006")
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// DateTime renders t with its time of day in the calendar's zone.
func (l Lang) DateTime(t time.Time, cal *calendar.Calendar) string {
	if cal != nil {
		t = t.In(cal.Location())
	}
	return l.Date(t, nil) + " " + t.Format("15:04")
}

// chunkTables splits tables wider than max columns (round-by-round
// counts) into several of about equal width, each repeating the first
// column, so that a page never grows wider than A4.
func chunkTables(ts []Table, maxCols int) []Table {
	var out []Table
	for _, t := range ts {
		if len(t.Header) <= maxCols {
			out = append(out, t)
			continue
		}
		cols := len(t.Header) - 1
		parts := (cols + maxCols - 2) / (maxCols - 1)
		per := (cols + parts - 1) / parts
		for start := 1; start < len(t.Header); start += per {
			end := min(start+per, len(t.Header))
			c := Table{Caption: t.Caption, Header: append([]string{t.Header[0]}, t.Header[start:end]...)}
			if start > 1 {
				c.Caption = strings.TrimSpace(t.Caption + " (" + t.Header[start] + "–" + t.Header[end-1] + ")")
			}
			for _, r := range t.Rows {
				row := []string{r[0]}
				for i := start; i < end; i++ {
					if i < len(r) {
						row = append(row, r[i])
					} else {
						row = append(row, "")
					}
				}
				c.Rows = append(c.Rows, row)
			}
			for _, i := range t.Right {
				if i == 0 {
					c.Right = append(c.Right, 0)
				} else if i >= start && i < end {
					c.Right = append(c.Right, i-start+1)
				}
			}
			out = append(out, c)
		}
	}
	return out
}

// IsRight reports whether column i is a column of numbers.
func (t Table) IsRight(i int) bool {
	for _, r := range t.Right {
		if r == i {
			return true
		}
	}
	return false
}

// BallotList is the published ballot list of a counted vote: one row per
// ballot, by number, with what it marked (names, levels, the answer) and
// its check code, the first 16 hex digits of vote.Ballot.Hash. A voter
// who knows their ballot's number finds it here; anyone can recount the
// list and recompute the digest. It is empty for results without ballots
// (sheets of totals, saved results).
func BallotList(out catalog.Outcome, lang Lang) Table {
	n := optionNames(out.Poll)
	if out.Poll == nil {
		return Table{Caption: lang.T("notice.list")}
	}
	t := Table{Caption: lang.T("notice.list"), Header: []string{lang.T("col.ballot"), lang.T("notice.content"), lang.T("notice.check")}}
	for _, b := range out.Ballots {
		var parts []string
		if b.Choice != "" {
			parts = append(parts, lang.TOr("choice."+string(b.Choice), string(b.Choice)))
		}
		for _, m := range b.Marks {
			p := n.of(m.Option)
			if m.Level != "" {
				p += " " + lang.TOr("level."+m.Level, m.Level)
			}
			if m.Count > 1 {
				p += fmt.Sprintf(" ×%d", m.Count)
			}
			parts = append(parts, p)
		}
		if len(parts) == 0 {
			parts = append(parts, lang.T("notice.blank"))
		}
		content := strings.Join(parts, lang.T("list.sep"))
		if b.Voter != "" {
			content = string(b.Voter) + lang.T("notice.voter") + content
		}
		t.Rows = append(t.Rows, []string{string(b.ID), content, b.Hash(out.Poll.ID)[:16]})
	}
	return t
}
