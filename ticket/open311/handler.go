package open311

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gongzhi/gongzhi/ticket"
)

// Handler serves GeoReport v2 over a ticket.Service. Mount it where the
// endpoint lives, with http.StripPrefix if the endpoint is not at the
// root. It is safe for concurrent use.
type Handler struct {
	cfg      Config
	services map[string]*service
	order    []string
	apps     map[string]App
	zone     *time.Location
	seq      atomic.Uint64 // request keys of POSTs without an idempotency key
	// maxPlaces is maxPlaceFilter, lowered by tests.
	maxPlaces int
}

// New checks cfg and returns a Handler.
func New(cfg Config) (*Handler, error) {
	services, order, clients, err := cfg.compile()
	if err != nil {
		return nil, err
	}
	h := &Handler{cfg: cfg, services: services, order: order, apps: clients, zone: cfg.Zone, maxPlaces: maxPlaceFilter}
	if h.zone == nil {
		if c, ok := cfg.Service.Config().Calendars.Working.(interface{ Location() *time.Location }); ok && c.Location() != nil {
			h.zone = c.Location()
		} else {
			h.zone = time.FixedZone("CST", 8*3600) // Beijing time; China has kept UTC+8 without DST since 1991
		}
	}
	if h.cfg.MaxBody == 0 {
		h.cfg.MaxBody = defaultMaxBody
	}
	if h.cfg.MaxResults == 0 {
		h.cfg.MaxResults = defaultMaxResults
	}
	return h, nil
}

// format is the representation a call asked for by its path suffix.
type format int

const (
	fmtXML format = iota
	fmtJSON
)

// splitFormat removes a ".json" or ".xml" suffix. A path without one is
// XML, the specification's required format.
func splitFormat(p string) (string, format, bool) {
	switch {
	case strings.HasSuffix(p, ".json"):
		return strings.TrimSuffix(p, ".json"), fmtJSON, true
	case strings.HasSuffix(p, ".xml"):
		return strings.TrimSuffix(p, ".xml"), fmtXML, true
	}
	if i := strings.LastIndexByte(p, '.'); i > strings.LastIndexByte(p, '/') {
		return p, fmtXML, false // an unknown format
	}
	return p, fmtXML, true
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path, f, ok := splitFormat(r.URL.Path)
	if !ok {
		h.fail(w, f, http.StatusBadRequest, "unknown format: use .json or .xml")
		return
	}
	if _, err := url.ParseQuery(r.URL.RawQuery); err != nil {
		h.fail(w, f, http.StatusBadRequest, "malformed query string")
		return
	}
	parts := strings.Split(strings.Trim(path, "/"), "/")
	get := r.Method == http.MethodGet || r.Method == http.MethodHead
	switch {
	case len(parts) == 1 && parts[0] == "discovery" && get:
		h.discovery(w, f)
	case len(parts) == 1 && parts[0] == "services" && get:
		h.listServices(w, r, f)
	case len(parts) == 2 && parts[0] == "services" && get:
		h.definition(w, r, f, parts[1])
	case len(parts) == 1 && parts[0] == "requests" && r.Method == http.MethodPost:
		h.post(w, r, f)
	case len(parts) == 1 && parts[0] == "requests" && get:
		h.listRequests(w, r, f)
	case len(parts) == 2 && parts[0] == "requests" && get:
		h.oneRequest(w, r, f, parts[1])
	case len(parts) == 2 && parts[0] == "tokens" && get:
		h.token(w, r, f, parts[1])
	case len(parts) >= 1 && (parts[0] == "discovery" || parts[0] == "services" || parts[0] == "requests" || parts[0] == "tokens") && len(parts) <= 2:
		w.Header().Set("Allow", allowed(parts))
		h.fail(w, f, http.StatusMethodNotAllowed, "method not allowed")
	default:
		h.fail(w, f, http.StatusNotFound, "no such resource")
	}
}

func allowed(parts []string) string {
	if len(parts) == 1 && parts[0] == "requests" {
		return "GET, HEAD, POST"
	}
	return "GET, HEAD"
}

// write sends v as JSON, or as XML with its declaration. list is the XML
// document for list answers (nil when v is itself an XML document).
func (h *Handler) write(w http.ResponseWriter, f format, status int, jsonValue, xmlValue any) {
	var body []byte
	var err error
	if f == fmtJSON {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		body, err = json.Marshal(jsonValue)
	} else {
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		body, err = xml.Marshal(xmlValue)
		if err == nil {
			body = append([]byte(xml.Header), body...)
		}
	}
	if err != nil {
		http.Error(w, "encoding failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// fail answers with the GeoReport error format.
func (h *Handler) fail(w http.ResponseWriter, f format, status int, description string) {
	errs := []APIError{{Code: status, Description: description}}
	h.write(w, f, status, errs, xmlErrors{Errors: errs})
}

func (h *Handler) discovery(w http.ResponseWriter, f format) {
	d := h.cfg.Discovery
	typ := "production"
	if d.Test {
		typ = "test"
	}
	doc := Discovery{Changeset: d.Changeset, Contact: d.Contact, KeyService: d.KeyService,
		Endpoints: []Endpoint{{Specification: "http://wiki.open311.org/GeoReport_v2", URL: d.BaseURL,
			Changeset: d.Changeset, Type: typ, Formats: []string{"text/xml", "application/json"}}}}
	h.write(w, f, http.StatusOK, doc, doc)
}

// jurisdiction checks the jurisdiction_id parameter and returns the place
// it names ("" when none applies).
func (h *Handler) jurisdiction(id string) (string, string) {
	js := h.cfg.Jurisdictions
	switch {
	case id == "" && len(js) > 1:
		return "", "jurisdiction_id required: this endpoint serves several jurisdictions"
	case id == "" && len(js) == 1:
		return string(js[0].Place), ""
	case id == "":
		return "", ""
	}
	for _, j := range js {
		if j.ID == id {
			return string(j.Place), ""
		}
	}
	return "", "unknown jurisdiction_id"
}

func (h *Handler) listServices(w http.ResponseWriter, r *http.Request, f format) {
	if _, msg := h.jurisdiction(r.URL.Query().Get("jurisdiction_id")); msg != "" {
		h.fail(w, f, http.StatusBadRequest, msg)
		return
	}
	list := make([]Service, 0, len(h.order))
	for _, code := range h.order {
		s := h.services[code]
		typ := "realtime"
		if s.Batch {
			typ = "batch"
		}
		list = append(list, Service{Code: Text(s.Code), Name: s.Name, Description: s.Description,
			Metadata: Flag(len(s.Attributes) > 0), Type: typ, Keywords: s.Keywords, Group: s.Group})
	}
	h.write(w, f, http.StatusOK, list, xmlServices{Services: list})
}

func (h *Handler) definition(w http.ResponseWriter, r *http.Request, f format, code string) {
	if _, msg := h.jurisdiction(r.URL.Query().Get("jurisdiction_id")); msg != "" {
		h.fail(w, f, http.StatusBadRequest, msg)
		return
	}
	s, ok := h.services[code]
	if !ok {
		h.fail(w, f, http.StatusNotFound, "unknown service_code")
		return
	}
	def := ServiceDefinition{Code: Text(s.Code), Attributes: append([]AttributeDef{}, s.Attributes...)}
	h.write(w, f, http.StatusOK, def, def)
}

// status maps the ticket lifecycle onto GeoReport's two statuses: a
// request is closed once the handling unit reports it resolved, or when it
// ended without dispatch or was merged into another.
func status(t *ticket.Ticket) string {
	switch t.State {
	case ticket.Resolved, ticket.CalledBack, ticket.Closed, ticket.Disposed, ticket.Merged:
		return "closed"
	}
	return "open"
}
