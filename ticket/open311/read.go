package open311

import (
	"net/http"
	"net/url"
	"slices"
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

func (h *Handler) listRequests(w http.ResponseWriter, r *http.Request, f format) {
	q, err := h.parseQuery(r.URL.Query())
	if err != nil {
		h.failErr(w, f, err)
		return
	}
	ctx := r.Context()
	var list []ServiceRequest
	if q.ids != nil {
		for _, id := range q.ids {
			t, err := h.cfg.Service.Get(ctx, ticket.ID(id), ticket.ObserverRole)
			if err != nil {
				continue // unknown ids are left out, as a search finds nothing
			}
			if q.place == "" || h.within(&t, q.place) {
				list = append(list, h.request(&t))
			}
		}
	} else {
		type hit struct {
			at time.Time
			sr ServiceRequest
		}
		var hits []hit
		for t, err := range h.cfg.Service.List(ctx, ticket.Filter{}, ticket.ObserverRole) {
			if err != nil {
				h.failTicket(w, f, err)
				return
			}
			if t.ReceivedAt.Before(q.from) || t.ReceivedAt.After(q.to) {
				continue
			}
			code, ok := h.codeOf(t.Category)
			if !ok || (q.codes != nil && !q.codes[code]) || (q.statuses != nil && !q.statuses[status(&t)]) {
				continue
			}
			if q.place != "" && !h.within(&t, q.place) {
				continue
			}
			hits = append(hits, hit{t.ReceivedAt, h.request(&t)})
		}
		// Newest first; the specification suggests at most 1000 answers.
		slices.SortStableFunc(hits, func(a, b hit) int {
			if c := b.at.Compare(a.at); c != 0 {
				return c
			}
			return strings.Compare(string(a.sr.ID), string(b.sr.ID))
		})
		for i := 0; i < len(hits) && i < h.cfg.MaxResults; i++ {
			list = append(list, hits[i].sr)
		}
	}
	if list == nil {
		list = []ServiceRequest{}
	}
	h.write(w, f, http.StatusOK, list, xmlRequests{Requests: list})
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
