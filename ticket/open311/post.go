package open311

import (
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/ticket"
)

// IdempotencyHeader carries a client's request key: a retried POST with the
// same key (and the same content) answers with the ticket the first one
// created instead of opening a second. The form field client_request_id
// does the same for clients that cannot set headers.
const IdempotencyHeader = "Idempotency-Key"

// badRequest is a refused parameter, answered with 400 (or Status).
type badRequest struct {
	Status int
	Msg    string
}

func (e *badRequest) Error() string { return e.Msg }

func bad(format string, a ...any) error {
	return &badRequest{Status: http.StatusBadRequest, Msg: fmt.Sprintf(format, a...)}
}

// post opens a ticket from POST /requests. Every parameter is checked
// before anything is written, so a refused request changes nothing.
func (h *Handler) post(w http.ResponseWriter, r *http.Request, f format) {
	r.Body = http.MaxBytesReader(w, r.Body, h.cfg.MaxBody)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.fail(w, f, http.StatusRequestEntityTooLarge, fmt.Sprintf("body larger than %d bytes", h.cfg.MaxBody))
			return
		}
		h.fail(w, f, http.StatusBadRequest, "malformed form body")
		return
	}
	form := r.PostForm
	if len(form) == 0 {
		form = r.Form // some clients send the parameters in the query string
	}
	client, ok := h.apps[form.Get("api_key")]
	if !ok {
		h.fail(w, f, http.StatusForbidden, "invalid api_key")
		return
	}
	key := r.Header.Get(IdempotencyHeader)
	if key == "" {
		key = form.Get("client_request_id")
	}
	in, svc, err := h.intake(r, form, client, key)
	if err != nil {
		h.failErr(w, f, err)
		return
	}
	ctx := r.Context()
	t, _, err := h.cfg.Service.Intake(ctx, in)
	if err != nil {
		h.failTicket(w, f, err)
		return
	}
	if h.cfg.Dispatch != nil && t.State == ticket.Received {
		if d, _, err := h.cfg.Service.Dispatch(ctx, t.ID, *h.cfg.Dispatch); err == nil {
			t = d
		} else if got, gerr := h.cfg.Service.Get(ctx, t.ID, ticket.ObserverRole); gerr == nil {
			t = got // a concurrent retry dispatched it, or no route: answer with what is stored
		}
	}
	c := Created{ServiceNotice: svc.Notice, AccountID: Text(form.Get("account_id")), Expected: h.expected(&t)}
	if svc.Batch || t.State == ticket.Received {
		c.Token = Text(t.ID)
	} else {
		c.ID = Text(t.ID)
	}
	h.write(w, f, http.StatusOK, []Created{c}, xmlCreated{Requests: []Created{c}})
}

// failErr answers a refused parameter or a ticket-service error.
func (h *Handler) failErr(w http.ResponseWriter, f format, err error) {
	var br *badRequest
	if errors.As(err, &br) {
		h.fail(w, f, br.Status, br.Msg)
		return
	}
	h.failTicket(w, f, err)
}

// failTicket answers a ticket-service error.
func (h *Handler) failTicket(w http.ResponseWriter, f format, err error) {
	switch {
	case errors.Is(err, ticket.ErrDuplicateKey):
		h.fail(w, f, http.StatusConflict, "request key already used for a different request")
	case errors.Is(err, ticket.ErrUnauthorized):
		h.fail(w, f, http.StatusForbidden, "not authorized")
	case errors.Is(err, ticket.ErrInvalid), errors.Is(err, ticket.ErrNoRoute):
		h.fail(w, f, http.StatusBadRequest, err.Error())
	case errors.Is(err, ticket.ErrNotFound):
		h.fail(w, f, http.StatusNotFound, "not found")
	default:
		h.fail(w, f, http.StatusInternalServerError, "the request could not be stored")
	}
}

// intake turns the form into a ticket intake, or refuses it.
func (h *Handler) intake(r *http.Request, form url.Values, client App, key string) (ticket.Intake, *service, error) {
	place, msg := h.jurisdiction(form.Get("jurisdiction_id"))
	if msg != "" {
		return ticket.Intake{}, nil, bad("%s", msg)
	}
	for k, vs := range form {
		if len(vs) > 1 && !strings.HasPrefix(k, "attribute[") {
			return ticket.Intake{}, nil, bad("parameter %s given %d times", k, len(vs))
		}
	}
	svc, ok := h.services[form.Get("service_code")]
	if !ok {
		if form.Get("service_code") == "" {
			return ticket.Intake{}, nil, bad("service_code required")
		}
		return ticket.Intake{}, nil, &badRequest{Status: http.StatusNotFound, Msg: "unknown service_code"}
	}
	if len(key) > 128 || !utf8.ValidString(key) {
		return ticket.Intake{}, nil, bad("client_request_id longer than 128 bytes or not UTF-8")
	}
	details := &ticket.Details{MediaURL: form.Get("media_url")}
	var err error
	if details.Attributes, err = attributes(svc, form); err != nil {
		return ticket.Intake{}, nil, err
	}
	in := ticket.Intake{Channel: client.Channel, Kind: svc.Kind, Category: svc.Category, Urgency: svc.Urgency,
		Source: "open311:" + client.Name, By: ticket.Actor{ID: "open311:" + client.Name, Role: ticket.ResidentRole}}
	if acct := form.Get("account_id"); acct != "" {
		in.By.ID += ":" + acct
	}
	// Location: a grid code or signed building code, a point, an address.
	lat, long := form.Get("lat"), form.Get("long")
	addr, addrID := form.Get("address_string"), form.Get("address_id")
	if (lat == "") != (long == "") {
		return ticket.Intake{}, nil, bad("lat and long must be given together")
	}
	if lat == "" && addr == "" && addrID == "" {
		return ticket.Intake{}, nil, bad("a location is required: lat and long, address_string or address_id")
	}
	if lat != "" {
		p, err := point(lat, long)
		if err != nil {
			return ticket.Intake{}, nil, err
		}
		details.Point = &p
		if h.cfg.Locate != nil && addrID == "" {
			id, err := h.cfg.Locate(r.Context(), p)
			if err != nil {
				return ticket.Intake{}, nil, bad("lat/long is outside the served area")
			}
			in.Location = id
		}
	}
	if addrID != "" {
		n, scanned, err := h.place(addrID)
		if err != nil {
			return ticket.Intake{}, nil, err
		}
		in.Location = n.ID
		if scanned {
			in.Channel = ticket.ScanCode // a signed building code (一楼一码) was scanned
		}
	}
	if place != "" && in.Location != "" && h.cfg.Places != nil && !h.cfg.Places.Within(in.Location, grid.ID(place)) {
		return ticket.Intake{}, nil, bad("the location is outside jurisdiction %s", form.Get("jurisdiction_id"))
	}
	if utf8.RuneCountInString(addr) > 500 {
		return ticket.Intake{}, nil, bad("address_string longer than 500 characters")
	}
	in.Contact = ticket.Contact{Name: personName(form.Get("first_name"), form.Get("last_name")),
		Phone: form.Get("phone"), Email: form.Get("email"), Address: addr}
	for _, s := range []string{in.Contact.Name, in.Contact.Phone, in.Contact.Email} {
		if len(s) > 200 || !utf8.ValidString(s) {
			return ticket.Intake{}, nil, bad("a contact field is longer than 200 bytes or not UTF-8")
		}
	}
	in.Text = strings.TrimSpace(form.Get("description"))
	if !utf8.ValidString(in.Text) || utf8.RuneCountInString(in.Text) > maxDescription {
		return ticket.Intake{}, nil, bad("description longer than %d characters or not UTF-8", maxDescription)
	}
	if in.Text == "" {
		in.Text = svc.Name // the service name is the whole matter
	}
	if details.Point != nil || details.MediaURL != "" || len(details.Attributes) > 0 {
		in.Details = details
	}
	// The ticket ID: from the client's request key, so a retry finds the
	// first ticket; else unique per request.
	if key == "" {
		now, err := h.cfg.Service.Now()
		if err != nil {
			return ticket.Intake{}, nil, err
		}
		key = fmt.Sprintf("%d.%d", now.UnixNano(), h.seq.Add(1))
	} else {
		key = "key:" + key
	}
	sum := sha256.Sum256([]byte(client.Name + "\x00" + key))
	in.ID = ticket.ID("o311-" + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:15])))
	// Intake validates the rest with the ticket package's own rules; the
	// stamp comes from the service's clock.
	in.At = time.Time{}
	probe := in
	probe.At = time.Unix(0, 0)
	if err := probe.Validate(h.cfg.Service.Config().Categories); err != nil {
		return ticket.Intake{}, nil, bad("%s", strings.TrimPrefix(err.Error(), "ticket: "))
	}
	return in, svc, nil
}

// place resolves address_id: a grid code, a grid place id, or a signed
// building code (scanned is then true).
func (h *Handler) place(s string) (n grid.Node, scanned bool, err error) {
	if h.cfg.Places == nil {
		return grid.Node{}, false, bad("address_id is not supported here")
	}
	if len(s) > 1024 {
		return grid.Node{}, false, bad("address_id longer than 1024 bytes")
	}
	if c, err := grid.ParseCode(s); err == nil {
		if n, err := h.cfg.Places.ByCode(c); err == nil {
			return n, false, nil
		}
	}
	if n, err := h.cfg.Places.Node(grid.ID(s)); err == nil {
		return n, false, nil
	}
	if len(h.cfg.Keyring.Keys) > 0 {
		n, _, err := h.cfg.Places.Scan(h.cfg.Keyring, strings.TrimSpace(s))
		if err == nil {
			return n, true, nil
		}
		var pe *grid.PayloadError
		if errors.As(err, &pe) && pe.Fault != grid.FaultMalformed {
			return grid.Node{}, false, bad("address_id: building code rejected (%s)", pe.Fault)
		}
	}
	return grid.Node{}, false, bad("address_id not found")
}

// point parses lat and long as decimal degrees.
func point(lat, long string) (ticket.Position, error) {
	la, err1 := strconv.ParseFloat(strings.TrimSpace(lat), 64)
	lo, err2 := strconv.ParseFloat(strings.TrimSpace(long), 64)
	if err1 != nil || err2 != nil || len(lat) > 32 || len(long) > 32 {
		return ticket.Position{}, bad("lat and long must be decimal degrees")
	}
	p := ticket.Position{Lat: la, Long: lo}
	if err := (&ticket.Details{Point: &p}).Validate(); err != nil {
		return ticket.Position{}, bad("lat or long out of range")
	}
	return p, nil
}

// personName joins first and last names: family name first for Chinese
// names ("张" + "莹" = "张莹"), given name first otherwise.
func personName(first, last string) string {
	first, last = strings.TrimSpace(first), strings.TrimSpace(last)
	switch {
	case first == "":
		return last
	case last == "":
		return first
	case isHan(first) || isHan(last):
		return last + first
	}
	return first + " " + last
}

func isHan(s string) bool {
	for _, r := range s {
		if r >= 0x3400 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// attributes collects attribute[CODE] (and attribute[CODE][] for
// multiple values) and checks them against the service definition.
func attributes(svc *service, form url.Values) ([]ticket.Attribute, error) {
	got := map[string][]string{}
	for k, vs := range form {
		if !strings.HasPrefix(k, "attribute[") {
			continue
		}
		code, rest, ok := strings.Cut(strings.TrimPrefix(k, "attribute["), "]")
		if !ok || (rest != "" && rest != "[]") || code == "" {
			return nil, bad("malformed parameter %q", k)
		}
		got[code] = append(got[code], vs...)
	}
	var out []ticket.Attribute
	for code, vs := range got {
		def, ok := svc.attrs[code]
		if !ok {
			return nil, bad("attribute %s is not defined for service %s", code, svc.Code)
		}
		if !bool(def.Variable) {
			return nil, bad("attribute %s takes no answer", code)
		}
		if len(vs) > 1 && def.Datatype != MultiValueList {
			return nil, bad("attribute %s takes one value", code)
		}
		for _, v := range vs {
			if err := checkValue(def, v); err != nil {
				return nil, err
			}
		}
		out = append(out, ticket.Attribute{Code: code, Values: vs})
	}
	for code, def := range svc.attrs {
		if def.Required && def.Variable {
			if _, ok := got[code]; !ok {
				return nil, bad("attribute %s is required", code)
			}
		}
	}
	slices.SortFunc(out, func(a, b ticket.Attribute) int { return strings.Compare(a.Code, b.Code) })
	return out, nil
}

func checkValue(def *AttributeDef, v string) error {
	switch def.Datatype {
	case Number:
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			return bad("attribute %s must be a number", def.Code)
		}
	case Datetime:
		if _, err := parseTime(v); err != nil {
			return bad("attribute %s must be a W3C datetime", def.Code)
		}
	case SingleValueList, MultiValueList:
		if !slices.ContainsFunc(def.Values, func(x Value) bool { return string(x.Key) == v }) {
			return bad("attribute %s: %q is not one of its values", def.Code, v)
		}
	}
	if utf8.RuneCountInString(v) > 1000 || !utf8.ValidString(v) {
		return bad("attribute %s: value longer than 1000 characters or not UTF-8", def.Code)
	}
	return nil
}

// parseTime reads a W3C datetime (RFC 3339, with or without seconds or
// fraction) or a bare date.
func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("open311: %q is not a W3C datetime", s)
}
