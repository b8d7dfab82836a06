package trace

import (
	"fmt"
	"strings"
	"time"
)

// Explain renders the chain for people, from the project back to the first
// ticket, one record per line. Times are shown in the zone they carry.
func (c Chain) Explain() string {
	var b strings.Builder
	p := c.Project
	fmt.Fprintf(&b, "project %s %q at %s: %s, cost %s yuan\n", p.ID, p.Title, p.Grid, p.Status, p.Cost.StringFixed(2))
	if p.Review != nil {
		fmt.Fprintf(&b, "  rated by poll %s: %d of %d satisfied, need %s: passed %v\n",
			p.Review.Poll, p.Review.Satisfied, p.Review.Base, p.Review.Threshold, p.Review.Passed)
	}
	for _, a := range p.Acceptances {
		fmt.Fprintf(&b, "  acceptance %s by %s: passed %v\n", day(a.At), strings.Join(a.By, ", "), a.Passed)
	}
	if v := p.Vote; v != nil {
		where := ""
		if v.Poll != "" {
			where = " in poll " + string(v.Poll)
		}
		fmt.Fprintf(&b, "  voted%s: %d of %d, need %s: passed %v\n", where, v.Support, v.Base, v.Threshold, v.Passed)
	}
	for _, pl := range c.Polls {
		fmt.Fprintf(&b, "  poll %s %q: %s, %d ballots\n", pl.ID, pl.Title, pl.State, pl.Count)
	}
	if r := c.Resolution; r != nil {
		fmt.Fprintf(&b, "<- resolution %s adopted %s at meeting %s (motion %s): %s\n", r.ID, day(r.Adopted), r.Meeting, r.Motion, r.Vote.Reason)
		fmt.Fprintf(&b, "   publicity until %s, %d objection(s)\n", day(r.PublicityEnds), len(r.Objections))
	}
	for _, m := range c.Meetings {
		invited, present := m.Representatives()
		fmt.Fprintf(&b, "<- meeting %s %q (%s) %s: %d of %d representatives present, %d inquiries, %d motions\n",
			m.ID, m.Title, m.Kind, m.At.Format("2006-01-02 15:04"), present, invited, len(m.Inquiries), len(m.Motions))
	}
	if t := c.Topic; t != nil {
		fmt.Fprintf(&b, "<- topic %s %q at %s, raised %s from %s, %s\n", t.ID, t.Title, t.Grid, day(t.Raised), t.Source.Origin, t.Status)
	}
	for _, tk := range c.Tickets {
		fmt.Fprintf(&b, "<- ticket %s %s via %s at %s (%s): %s\n", tk.ID, tk.ReceivedAt.Format("2006-01-02 15:04"), tk.Channel, tk.Location, tk.State, tk.Text)
	}
	return b.String()
}

// Explain renders what a ticket led to, one record per line.
func (f Forward) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "ticket %s %s at %s (%s)\n", f.Ticket.ID, f.Ticket.ReceivedAt.Format("2006-01-02 15:04"), f.Ticket.Location, f.Ticket.State)
	for _, t := range f.Topics {
		res := "no resolution"
		if t.Resolution != nil {
			res = "resolution " + string(t.Resolution.ID)
		}
		fmt.Fprintf(&b, "-> topic %s %q (%s), %s\n", t.ID, t.Title, t.Status, res)
	}
	for _, p := range f.Projects {
		fmt.Fprintf(&b, "-> project %s %q (%s)\n", p.ID, p.Title, p.Status)
	}
	return b.String()
}

func day(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.DateOnly)
}
