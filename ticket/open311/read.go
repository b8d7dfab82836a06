package open311

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/ticket"
)

// query is a parsed GET /requests.
type query struct {
	ids      []string
	codes    map[string]bool
	statuses map[string]bool
	from, to time.Time
	place    grid.ID
	page     int // from 1
	size     int // page_size: 1 to Config.MaxResults
}

// parseCount reads a page or page_size value: decimal digits only, no
// sign, at most 9 of them, from 1.
func parseCount(name, s string) (int, error) {
	if s == "" || len(s) > 9 || strings.Trim(s, "0123456789") != "" {
		return 0, bad("%s must be a whole number from 1, not %q", name, s)
	}
	n, _ := strconv.Atoi(s) // 9 digits always fit
	if n < 1 {
		return 0, bad("%s must be a whole number from 1, not %q", name, s)
	}
	return n, nil
}

// parsePage reads page and page_size (see "Paging" in the package doc).
func (h *Handler) parsePage(v url.Values, q *query) error {
	q.page, q.size = 1, h.cfg.MaxResults
	var err error
	if s, ok := v["page_size"]; ok {
		if q.size, err = parseCount("page_size", s[0]); err != nil {
			return err
		}
		if q.size > h.cfg.MaxResults {
			return bad("page_size %d is over this endpoint's maximum of %d", q.size, h.cfg.MaxResults)
		}
	}
	if s, ok := v["page"]; ok {
		if q.page, err = parseCount("page", s[0]); err != nil {
			return err
		}
		if depth := maxPageDepth * h.cfg.MaxResults; q.page > depth/q.size {
			return bad("page %d of %d goes past the first %d requests this endpoint pages through: narrow start_date and end_date",
				q.page, q.size, depth)
		}
	}
	return nil
}

// parseQuery checks the parameters of GET /requests. With
// service_request_id the other filters are ignored, as the specification
// says. Without dates the window is the last 90 days; a window may not
// span more than 90 days.
func (h *Handler) parseQuery(v url.Values) (query, error) {
	var q query
	for k, vs := range v {
		if len(vs) > 1 {
			return q, bad("parameter %s given %d times", k, len(vs))
		}
		if len(vs[0]) > 4096 {
			return q, bad("parameter %s longer than 4096 bytes", k)
		}
	}
	place, msg := h.jurisdiction(v.Get("jurisdiction_id"))
	if msg != "" {
		return q, bad("%s", msg)
	}
	q.place = grid.ID(place)
	if err := h.parsePage(v, &q); err != nil {
		return q, err
	}
	if ids := v.Get("service_request_id"); ids != "" {
		q.ids = splitList(ids)
		if len(q.ids) > h.cfg.MaxResults {
			return q, bad("more than %d service_request_id values", h.cfg.MaxResults)
		}
		return q, nil
	}
	if codes := v.Get("service_code"); codes != "" {
		q.codes = map[string]bool{}
		for _, c := range splitList(codes) {
			if _, ok := h.services[c]; !ok {
				return q, bad("unknown service_code %q", c)
			}
			q.codes[c] = true
		}
	}
	if st := v.Get("status"); st != "" {
		q.statuses = map[string]bool{}
		for _, s := range splitList(st) {
			if s != "open" && s != "closed" {
				return q, bad("status must be open or closed, not %q", s)
			}
			q.statuses[s] = true
		}
	}
	var err error
	if s := v.Get("start_date"); s != "" {
		if q.from, err = h.parseDate(s); err != nil {
			return q, bad("start_date: not a W3C datetime")
		}
	}
	if s := v.Get("end_date"); s != "" {
		if q.to, err = h.parseDate(s); err != nil {
			return q, bad("end_date: not a W3C datetime")
		}
	}
	switch {
	case q.from.IsZero() && q.to.IsZero():
		now, err := h.cfg.Service.Now()
		if err != nil {
			return q, err
		}
		q.from, q.to = now.Add(-maxWindow), now
	case q.from.IsZero():
		q.from = q.to.Add(-maxWindow)
	case q.to.IsZero():
		q.to = q.from.Add(maxWindow)
	}
	if q.to.Before(q.from) {
		return q, bad("end_date is before start_date")
	}
	if q.to.Sub(q.from) > maxWindow {
		return q, bad("start_date to end_date spans more than 90 days")
	}
	return q, nil
}

// parseDate reads a W3C datetime; a bare date is midnight in the
// endpoint's zone.
func (h *Handler) parseDate(s string) (time.Time, error) {
	if t, err := time.ParseInLocation("2006-01-02", s, h.zone); err == nil {
		return t, nil
	}
	return parseTime(s)
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// listRequests answers GET /requests from the ticket store's query: a
// list of ids is one look-up (ticket.Filter.IDs); a search is a
// newest-first listing of the received-time window, in the categories of
// the service codes asked for and the states of the statuses asked for,
// in the places of jurisdiction_id (ticket.Filter.Places: the subtree
// of the jurisdiction's place), stopped after the page asked for
// (ticket.Filter.Newest and Limit). A store with indexes (every Store of
// this module has them) answers it without reading the tickets outside
// the window and the places, whatever its size. Only a jurisdiction of
// more than maxPlaceFilter places is checked here, on the tickets the
// store yields.
func (h *Handler) listRequests(w http.ResponseWriter, r *http.Request, f format) {
	q, err := h.parseQuery(r.URL.Query())
	if err != nil {
		h.failErr(w, f, err)
		return
	}
	ctx := r.Context()
	list := []ServiceRequest{}
	if q.ids != nil {
		found := make(map[ticket.ID]ticket.Ticket, len(q.ids))
		ids := make([]ticket.ID, len(q.ids))
		for i, id := range q.ids {
			ids[i] = ticket.ID(id)
		}
		for t, err := range h.cfg.Service.List(ctx, ticket.Filter{IDs: ids}, ticket.ObserverRole) {
			if err != nil {
				h.failTicket(w, f, err)
				return
			}
			found[t.ID] = t
		}
		for _, id := range ids { // in the order asked; unknown ids are left out, as a search finds nothing
			if t, ok := found[id]; ok && (q.place == "" || h.within(&t, q.place)) {
				list = append(list, h.request(&t))
			}
		}
		h.write(w, f, http.StatusOK, list, xmlRequests{Requests: list})
		return
	}
	filter := ticket.Filter{ReceivedFrom: q.from, ReceivedTo: q.to, Newest: true, Categories: h.categoriesOf(q.codes),
		States: statesOf(q.statuses)}
	check := false // whether jurisdiction_id is checked here, ticket by ticket
	if q.place != "" {
		filter.Places, check = h.placesUnder(q.place)
		if len(filter.Places) == 0 && !check { // no place of the grid lies in it: nothing to list
			h.write(w, f, http.StatusOK, list, xmlRequests{Requests: list})
			return
		}
	}
	if len(filter.Categories) == 0 { // no category has a service: nothing to list
		h.write(w, f, http.StatusOK, list, xmlRequests{Requests: list})
		return
	}
	skip := (q.page - 1) * q.size
	for t, err := range h.newest(ctx, filter, skip+q.size) {
		if err != nil {
			h.failTicket(w, f, err)
			return
		}
		if check && !h.within(&t, q.place) {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		if list = append(list, h.request(&t)); len(list) == q.size {
			break
		}
	}
	h.write(w, f, http.StatusOK, list, xmlRequests{Requests: list})
}

// placesUnder returns the grid places in jurisdiction place (its subtree,
// itself included) for ticket.Filter.Places, or check == true when the
// handler should check each ticket the store yields instead: when the
// subtree has more than maxPlaceFilter places, or more than half of the
// places of its tree (the jurisdiction is then most of the store, and a
// store walking its receipt index finds a page sooner than one reading
// every place's tickets and sorting them; SQLite, without statistics,
// would take the place index). Without Config.Places, or for a place not
// in it, no place lies in the jurisdiction.
func (h *Handler) placesUnder(place grid.ID) (places []grid.ID, check bool) {
	if h.cfg.Places == nil {
		return nil, false
	}
	path := h.cfg.Places.Path(place)
	if len(path) == 0 {
		return nil, false
	}
	for p := range h.cfg.Places.Subtree(place) {
		if len(places) == h.maxPlaces {
			return nil, true
		}
		places = append(places, p)
	}
	if len(path) == 1 {
		return nil, true // the whole tree
	}
	all := 0
	for range h.cfg.Places.Subtree(path[0]) {
		if all++; all >= 2*len(places) {
			return places, false
		}
	}
	return nil, true
}

// newest yields the tickets f selects, newest first, asking the store for
// pages of at most want tickets (and at least Config.MaxResults): each
// page ends the window (ReceivedTo) at the receipt instant where the
// previous one stopped, and skips the tickets of that instant it has
// already yielded (the store orders them by id). The caller stops when it
// has enough; it needs a second page only when it drops tickets (a
// jurisdiction too wide for ticket.Filter.Places).
func (h *Handler) newest(ctx context.Context, f ticket.Filter, want int) iter.Seq2[ticket.Ticket, error] {
	return func(yield func(ticket.Ticket, error) bool) {
		var lastAt time.Time
		var lastID ticket.ID
		atLast := 0 // tickets yielded at lastAt
		for first := true; ; first = false {
			page := f
			page.Limit = max(want, h.cfg.MaxResults) + atLast
			if !first {
				page.ReceivedTo = lastAt
			}
			n := 0
			for t, err := range h.cfg.Service.List(ctx, page, ticket.ObserverRole) {
				if err != nil {
					yield(ticket.Ticket{}, err)
					return
				}
				n++
				if !first && t.ReceivedAt.Equal(lastAt) && t.ID <= lastID {
					continue // yielded with the previous page
				}
				if t.ReceivedAt.Equal(lastAt) {
					atLast++
				} else {
					lastAt, atLast = t.ReceivedAt, 1
				}
				lastID = t.ID
				if !yield(t, nil) {
					return
				}
			}
			if n < page.Limit {
				return
			}
		}
	}
}

// categoriesOf returns the categories whose requests show under one of
// codes (all codes when codes is nil): each category of the service
// configuration whose own or nearest ancestor's service has the code.
func (h *Handler) categoriesOf(codes map[string]bool) []ticket.CategoryID {
	var out []ticket.CategoryID
	seen := map[ticket.CategoryID]bool{}
	add := func(c ticket.CategoryID) {
		if code, ok := h.codeOf(c); ok && !seen[c] && (codes == nil || codes[code]) {
			out = append(out, c)
		}
		seen[c] = true
	}
	for _, code := range h.order { // a service's category, even outside the tree
		add(h.services[code].Category)
	}
	for _, c := range h.cfg.Service.Config().Categories.List() {
		add(c.ID)
	}
	return out
}

// statesOf returns the states of the statuses asked for (nil: any).
func statesOf(statuses map[string]bool) []ticket.State {
	if len(statuses) != 1 {
		return nil // none or both: any state
	}
	var out []ticket.State
	for _, s := range []ticket.State{ticket.Received, ticket.Dispatched, ticket.Objected, ticket.Accepted, ticket.InProgress,
		ticket.Paused, ticket.Resolved, ticket.CalledBack, ticket.Closed, ticket.Disposed, ticket.Merged} {
		if statuses[status(&ticket.Ticket{State: s})] {
			out = append(out, s)
		}
	}
	return out
}

func (h *Handler) within(t *ticket.Ticket, place grid.ID) bool {
	return t.Location != "" && h.cfg.Places != nil && h.cfg.Places.Within(t.Location, place)
}

// codeOf returns the service code of category c: its own service, or the
// service of its nearest ancestor that has one.
func (h *Handler) codeOf(c ticket.CategoryID) (string, bool) {
	for _, code := range h.order {
		if h.services[code].Category == c {
			return code, true
		}
	}
	cats := h.cfg.Service.Config().Categories
	for _, anc := range cats.Path(c) {
		for _, code := range h.order {
			if h.services[code].Category == anc {
				return code, true
			}
		}
	}
	return "", false
}

func (h *Handler) oneRequest(w http.ResponseWriter, r *http.Request, f format, id string) {
	if _, msg := h.jurisdiction(r.URL.Query().Get("jurisdiction_id")); msg != "" {
		h.fail(w, f, http.StatusBadRequest, msg)
		return
	}
	t, err := h.cfg.Service.Get(r.Context(), ticket.ID(id), ticket.ObserverRole)
	if err != nil {
		h.failTicket(w, f, err)
		return
	}
	list := []ServiceRequest{h.request(&t)}
	h.write(w, f, http.StatusOK, list, xmlRequests{Requests: list})
}

// token answers GET /tokens/{token}: the request id once the request has
// been dispatched; 404 before (and for unknown tokens).
func (h *Handler) token(w http.ResponseWriter, r *http.Request, f format, tok string) {
	t, err := h.cfg.Service.Get(r.Context(), ticket.ID(tok), ticket.ObserverRole)
	if err != nil {
		h.failTicket(w, f, err)
		return
	}
	if t.State == ticket.Received {
		h.fail(w, f, http.StatusNotFound, "not yet dispatched: no service_request_id yet")
		return
	}
	list := []TokenAnswer{{ID: Text(t.ID), Token: Text(tok)}}
	h.write(w, f, http.StatusOK, list, xmlTokens{Requests: list})
}
