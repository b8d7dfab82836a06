package open311

import (
	"fmt"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/ticket"
)

// request maps a ticket (already masked for the public) onto a GeoReport
// service request. Contact details are never part of a GeoReport answer.
func (h *Handler) request(t *ticket.Ticket) ServiceRequest {
	code, _ := h.codeOf(t.Category)
	sr := ServiceRequest{
		ID:                Text(t.ID),
		Status:            status(t),
		StatusNotes:       h.notes(t),
		ServiceCode:       Text(code),
		Description:       t.Text,
		AgencyResponsible: h.agency(t),
		Requested:         h.stamp(t.ReceivedAt),
		Updated:           h.stamp(t.Updated),
		Expected:          h.expected(t),
	}
	if s, ok := h.services[code]; ok {
		sr.ServiceName, sr.ServiceNotice = s.Name, s.Notice
	}
	if t.Location != "" && h.cfg.Places != nil {
		if n, err := h.cfg.Places.Node(t.Location); err == nil {
			sr.Address = h.address(n.ID)
			sr.AddressID = Text(n.Code)
			if n.Code == "" {
				sr.AddressID = Text(n.ID)
			}
		}
	}
	if d := t.Details; d != nil {
		if d.Point != nil {
			lat, long := d.Point.Lat, d.Point.Long
			sr.Lat, sr.Long = &lat, &long
		}
		sr.MediaURL = d.MediaURL
	}
	return sr
}

func (h *Handler) stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(h.zone).Format(time.RFC3339)
}

// expected is the resolution deadline: the resolution clock's due instant
// once dispatched (pauses and approved extensions included), or, before
// dispatch, the deadline the matched SLA rule would give if the request
// were dispatched on receipt. Empty when the rule sets no resolution
// limit or the request ended without dispatch.
func (h *Handler) expected(t *ticket.Ticket) string {
	if c, ok := t.Clock(ticket.ResolutionClock); ok {
		return h.stamp(c.Due)
	}
	if t.State != ticket.Received || t.SLA.Resolution == (calendar.Period{}) {
		return ""
	}
	cfg := h.cfg.Service.Config()
	c, err := ticket.StartClock(cfg.Calendars, ticket.ResolutionClock, t.SLA.Resolution, t.SLA.RoundTheClock, cfg.Policy.Warn, t.ReceivedAt)
	if err != nil {
		return ""
	}
	return h.stamp(c.Due)
}

// agency names who is responsible: the lead unit once dispatched; before,
// whoever the grid's responsibility look-up finds for the place.
func (h *Handler) agency(t *ticket.Ticket) string {
	if t.Lead.ID != "" {
		return h.unitName(t.Lead)
	}
	if t.Location == "" || h.cfg.Places == nil {
		return ""
	}
	r, err := h.cfg.Places.Responsible(t.Location, grid.Query{})
	if err != nil {
		return ""
	}
	if _, p := r.Primary(); p.Org != "" {
		return p.Org
	}
	if n, err := h.cfg.Places.Node(r.Node); err == nil {
		return n.Name
	}
	return ""
}

// address is the place's path below the district: "示例街道 社区1 网格1 1号楼".
func (h *Handler) address(id grid.ID) string {
	var names []string
	for _, p := range h.cfg.Places.Path(id) {
		n, err := h.cfg.Places.Node(p)
		if err != nil || n.Level == grid.LevelCity || n.Level == grid.LevelDistrict {
			continue
		}
		names = append(names, n.Name)
	}
	return strings.Join(names, " ")
}

// unitName names a handling unit: its own name, else the name of the
// grid place it is responsible for, else its id.
func (h *Handler) unitName(u ticket.Unit) string {
	if u.Name != "" {
		return u.Name
	}
	if u.Node != "" && h.cfg.Places != nil {
		if n, err := h.cfg.Places.Node(u.Node); err == nil {
			return n.Name
		}
	}
	return string(u.ID)
}

// notes explains the ticket's state in a sentence.
func (h *Handler) notes(t *ticket.Ticket) string {
	unit := h.unitName(t.Lead)
	switch t.State {
	case ticket.Received:
		return "received; awaiting dispatch"
	case ticket.Dispatched:
		return "dispatched to " + unit
	case ticket.Objected:
		return "dispatch objected by " + unit + "; under review"
	case ticket.Accepted:
		return "accepted by " + unit
	case ticket.InProgress:
		return "in progress at " + unit
	case ticket.Paused:
		return "paused: waiting for the requester"
	case ticket.Resolved:
		return "resolved by " + unit + "; awaiting the requester's callback"
	case ticket.CalledBack:
		return "resolved by " + unit + "; requester called back"
	case ticket.Closed:
		return "closed"
	case ticket.Disposed:
		return fmt.Sprintf("closed without dispatch (%s)", t.Outcome)
	case ticket.Merged:
		return "duplicate of " + string(t.MergedInto)
	}
	return string(t.State)
}
