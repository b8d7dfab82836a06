package open311

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/ticket"
)

// Config configures a Handler. Service is required; everything else has a
// documented default.
type Config struct {
	// Service receives the requests and answers the reads. Its clock
	// stamps every request: the client's clock is never trusted.
	Service *ticket.Service

	// Services lists the request types offered, each bound to a ticket
	// category. Empty means one realtime service per category of the
	// service's category tree, of kind ticket.Help, with no attributes.
	Services []ServiceDef

	// Apps are the API keys that may POST requests. A POST with a
	// missing or unknown key gets 403. Reads need no key.
	Apps []App

	// Jurisdictions maps jurisdiction_id values to grid places. With more
	// than one, every call must name one; with one, it is the default.
	// A request whose place is known must lie within its jurisdiction.
	Jurisdictions []Jurisdiction

	// Places is the grid used for address_id (a grid code, or a signed
	// building code when Keyring is set), for the address shown in
	// answers and for agency_responsible before dispatch. A *grid.View
	// satisfies it. Nil accepts only lat/long and address_string.
	Places Places
	// Keyring verifies signed building codes (一楼一码) given as
	// address_id.
	Keyring grid.Keyring
	// Locate maps a reported point to a grid place; nil keeps the point
	// without a place.
	Locate func(ctx context.Context, p ticket.Position) (grid.ID, error)

	// Dispatch, if set, routes and dispatches every new request at once on
	// behalf of this actor (a hotline operator), so that its answer
	// carries the resolution deadline. A request that cannot be routed
	// stays received and is answered with a token.
	Dispatch *ticket.Actor

	// Zone is the time zone of the datetimes in answers; nil means the
	// zone of the service's working calendar, or Beijing time (UTC+8).
	Zone *time.Location

	// Discovery fills GET /discovery. BaseURL is the endpoint's own URL.
	Discovery DiscoveryInfo

	// MaxBody bounds a POST body in bytes; 0 means 64 KiB.
	MaxBody int64
	// MaxResults bounds the answers of GET /requests; 0 means 1000, the
	// specification's suggested maximum. It is also the default and the
	// largest page_size, and page × page_size may not exceed ten times
	// it (see "Paging" in the package doc).
	MaxResults int
}

// Places is what the handler needs from the grid. *grid.View satisfies it.
type Places interface {
	Node(id grid.ID) (grid.Node, error)
	ByCode(c grid.Code) (grid.Node, error)
	Path(id grid.ID) []grid.ID
	Within(id, anc grid.ID) bool
	Subtree(id grid.ID) iter.Seq[grid.ID]
	Responsible(id grid.ID, q grid.Query) (grid.Responsibility, error)
	Scan(kr grid.Keyring, s string) (grid.Node, grid.Payload, error)
}

var _ Places = (*grid.View)(nil)

// ServiceDef is one request type: a ticket category with what GeoReport
// shows of it.
type ServiceDef struct {
	Code        string            // service_code; empty means the category ID
	Category    ticket.CategoryID // the ticket category requests open under
	Name        string            // service_name; empty means the category's name
	Description string
	Keywords    string
	Group       string
	Kind        ticket.Kind    // kind of the tickets (art. 2); empty means ticket.Help
	Urgency     ticket.Urgency // empty means normal
	// Batch makes the service answer POST with a token instead of an id
	// (type "batch"); GET /tokens/{token} gives the id once dispatched.
	Batch bool
	// Notice is the service_notice: what the city says happens next.
	Notice string
	// Attributes are the questions of the service definition.
	Attributes []AttributeDef
}

// App is an application allowed to POST, known by its api_key: a channel
// and the organisation behind it.
type App struct {
	Key          string         // the api_key
	Name         string         // who it is, e.g. "wechat-mini-program"; recorded as the ticket's source
	Organisation string         // who runs it
	Channel      ticket.Channel // channel of its tickets; empty means ticket.Hotline (12345 web)
}

// Jurisdiction binds a jurisdiction_id to a grid place (a district).
type Jurisdiction struct {
	ID    string
	Place grid.ID
}

// DiscoveryInfo is what GET /discovery says about the endpoint.
type DiscoveryInfo struct {
	BaseURL    string
	Changeset  string
	Contact    string
	KeyService string
	Test       bool // type "test" instead of "production"
}

// ConfigError reports a bad Config field.
type ConfigError struct {
	Field, Reason string
}

// Error implements the error interface.
func (e *ConfigError) Error() string { return "open311: config " + e.Field + ": " + e.Reason }

// Unwrap returns ticket.ErrInvalidConfig.
func (e *ConfigError) Unwrap() error { return ticket.ErrInvalidConfig }

// Limits of the handler.
const (
	defaultMaxBody    = 64 << 10
	defaultMaxResults = 1000
	maxDescription    = 4000 // characters, as the specification says
	maxWindow         = 90 * 24 * time.Hour
	// maxPageDepth × MaxResults bounds page × page_size: deeper pages
	// would make the store read that many tickets for one answer.
	maxPageDepth = 10
	// maxPlaceFilter bounds the places of a jurisdiction passed to the
	// store as ticket.Filter.Places; a wider one is checked on the
	// tickets the store yields (most of them lie in it anyway).
	maxPlaceFilter = 20000
)

type service struct {
	ServiceDef
	attrs map[string]*AttributeDef
}

func (c *Config) compile() (map[string]*service, []string, map[string]App, error) {
	if c.Service == nil {
		return nil, nil, nil, &ConfigError{Field: "Service", Reason: "nil"}
	}
	if _, err := c.Service.Now(); err != nil {
		return nil, nil, nil, &ConfigError{Field: "Service", Reason: "the ticket service has no clock (ticket.Options.Now)"}
	}
	cats := c.Service.Config().Categories
	defs := c.Services
	if len(defs) == 0 {
		for _, cat := range cats.List() {
			defs = append(defs, ServiceDef{Category: cat.ID})
		}
	}
	byCode := make(map[string]*service, len(defs))
	var order []string
	for i, d := range defs {
		field := fmt.Sprintf("Services[%d]", i)
		if d.Category == "" {
			return nil, nil, nil, &ConfigError{Field: field + ".Category", Reason: "empty"}
		}
		if cats != nil {
			cat, err := cats.Get(d.Category)
			if err != nil {
				return nil, nil, nil, &ConfigError{Field: field + ".Category", Reason: err.Error()}
			}
			if d.Name == "" {
				d.Name = cat.Name
			}
			if d.Group == "" && cat.Parent != "" {
				if p, err := cats.Get(cat.Parent); err == nil {
					d.Group = p.Name
				}
			}
		}
		if d.Code == "" {
			d.Code = string(d.Category)
		}
		if d.Name == "" {
			d.Name = d.Code
		}
		if d.Kind == "" {
			d.Kind = ticket.Help
		}
		if !d.Kind.Valid() {
			return nil, nil, nil, &ConfigError{Field: field + ".Kind", Reason: fmt.Sprintf("unknown kind %q", d.Kind)}
		}
		if !d.Urgency.Valid() {
			return nil, nil, nil, &ConfigError{Field: field + ".Urgency", Reason: fmt.Sprintf("unknown urgency %q", d.Urgency)}
		}
		if _, dup := byCode[d.Code]; dup {
			return nil, nil, nil, &ConfigError{Field: field + ".Code", Reason: fmt.Sprintf("duplicate service code %q", d.Code)}
		}
		s := &service{ServiceDef: d, attrs: map[string]*AttributeDef{}}
		for j := range d.Attributes {
			a := &s.Attributes[j]
			af := fmt.Sprintf("%s.Attributes[%d]", field, j)
			switch a.Datatype {
			case String, Number, Datetime, TextType, SingleValueList, MultiValueList:
			default:
				return nil, nil, nil, &ConfigError{Field: af + ".Datatype", Reason: fmt.Sprintf("unknown datatype %q", a.Datatype)}
			}
			if a.Code == "" {
				return nil, nil, nil, &ConfigError{Field: af + ".Code", Reason: "empty"}
			}
			if _, dup := s.attrs[string(a.Code)]; dup {
				return nil, nil, nil, &ConfigError{Field: af + ".Code", Reason: fmt.Sprintf("duplicate attribute %q", a.Code)}
			}
			if (a.Datatype == SingleValueList || a.Datatype == MultiValueList) && len(a.Values) == 0 {
				return nil, nil, nil, &ConfigError{Field: af + ".Values", Reason: "a list attribute needs values"}
			}
			s.attrs[string(a.Code)] = a
		}
		byCode[d.Code] = s
		order = append(order, d.Code)
	}
	clients := make(map[string]App, len(c.Apps))
	for i, cl := range c.Apps {
		field := fmt.Sprintf("Apps[%d]", i)
		switch {
		case len(cl.Key) < 4:
			return nil, nil, nil, &ConfigError{Field: field + ".Key", Reason: "shorter than 4 bytes"}
		case cl.Name == "":
			return nil, nil, nil, &ConfigError{Field: field + ".Name", Reason: "empty"}
		}
		if cl.Channel == "" {
			cl.Channel = ticket.Hotline
		}
		if !cl.Channel.Valid() {
			return nil, nil, nil, &ConfigError{Field: field + ".Channel", Reason: fmt.Sprintf("unknown channel %q", cl.Channel)}
		}
		if _, dup := clients[cl.Key]; dup {
			return nil, nil, nil, &ConfigError{Field: field + ".Key", Reason: "duplicate key"}
		}
		clients[cl.Key] = cl
	}
	seen := map[string]bool{}
	for i, j := range c.Jurisdictions {
		if j.ID == "" || j.Place == "" || seen[j.ID] {
			return nil, nil, nil, &ConfigError{Field: fmt.Sprintf("Jurisdictions[%d]", i), Reason: "empty or duplicate id, or no place"}
		}
		seen[j.ID] = true
	}
	if c.Dispatch != nil && !c.Dispatch.Role.Valid() {
		return nil, nil, nil, &ConfigError{Field: "Dispatch.Role", Reason: fmt.Sprintf("unknown role %q", c.Dispatch.Role)}
	}
	if c.MaxBody < 0 || c.MaxResults < 0 {
		return nil, nil, nil, &ConfigError{Field: "MaxBody", Reason: "negative limit"}
	}
	return byCode, order, clients, nil
}
