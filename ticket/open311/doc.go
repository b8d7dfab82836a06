// Package open311 puts the Open311 GeoReport v2 API in front of a
// ticket.Service, and reads other GeoReport endpoints, so that the apps and
// clients that speak the standard (FixMyStreet, SeeClickFix, city 311
// apps, a WeChat mini-program written against it) can file and follow
// residents' requests under 接诉即办 without a bespoke API.
//
// # Server
//
// Handler serves, in XML (the specification's required format, also when
// a path has no extension) and JSON:
//
//	GET  /discovery.{xml|json}          the endpoint's discovery document
//	GET  /services.{xml|json}           the request types: ticket categories
//	GET  /services/{code}.{xml|json}    a service definition: its questions (attributes)
//	POST /requests.{xml|json}           open a request (needs api_key)
//	GET  /requests.{xml|json}           search: service_request_id, service_code, start_date, end_date, status; page, page_size (see below)
//	GET  /requests/{id}.{xml|json}      one request
//	GET  /tokens/{token}.{xml|json}     the id behind a token, once dispatched
//
// # Searching requests
//
// GET /requests answers at most Config.MaxResults requests (default 1000,
// the specification's suggestion), newest first (requested_datetime
// descending, then service_request_id), from a window of at most 90 days
// (default: the last 90 days; start_date alone opens 90 days from it,
// end_date alone the 90 days before it). A list of service_request_id (at
// most MaxResults) ignores the other filters, as the specification says,
// and is answered in the order asked.
//
// The search is a query of the ticket store, not a scan of it: the window,
// the statuses (as ticket states), the service codes (as the categories
// that show under them), the jurisdiction (as the grid places under
// its place: ticket.Filter.Places), the order and the page go into
// ticket.Filter, which the memory store and the PostgreSQL and SQLite
// adapters answer from indexes by receipt instant and by place; ids are
// one look-up. The places are those of the jurisdiction's subtree in
// Config.Places when the request comes (a ticket keeps its place, the
// tree above it may be redistricted). A jurisdiction of more than 20,000
// places, or of more than half the places of its grid (most of the store:
// a walk by receipt instant then finds a page sooner), is checked on the
// tickets the store yields instead, asking for further pages when too
// many lie outside. A search over a city-sized
// store therefore costs what it returns, also for a jurisdiction that is
// one building (BenchmarkListRequests100k).
//
// # Paging
//
// GeoReport v2 has no paging; a client that gets the cap narrows the
// window, as Client.Each does. The handler also accepts the page and
// page_size parameters that Chicago's endpoint introduced and the
// endpoints built on its extensions document (Austin 311's "Get Service
// Requests", https://austintexas.gov/page/get-service-requests: page_size
// "controls the maximum amount of results a single call will return",
// page pages "through the results" of calls that "logically include more
// records than the page size"):
//
//   - page_size: 1 to Config.MaxResults requests per answer (default
//     MaxResults; Austin's default is 50 and its maximum 500);
//   - page: which page, from 1 (default 1); page × page_size may not
//     exceed ten times MaxResults (10,000 by default), so that one answer
//     never makes the store read more; deeper listings narrow the window;
//   - both are decimal digits only; anything else, 0, a page_size over
//     MaxResults, a page past the limit or a parameter given twice is a
//     400 in the specification's error format.
//
// Page p of size n holds the answers p·n−n+1 to p·n of the ordering above,
// which is total (service_request_id breaks ties), so consecutive pages
// neither repeat nor skip a request as long as the set does not change:
// give end_date, since new requests otherwise enter at the front of the
// default window, and a status filter follows requests as they close.
//
// Errors use the specification's format, a list of code and description,
// with the HTTP status as the code: 400 for a bad parameter, 403 for a
// missing or unknown api_key, 404 for an unknown service, request or
// token, 409 for a request key reused with different content, 413 for a
// body over Config.MaxBody. Every parameter is checked before anything is
// written: a refused request changes nothing.
//
// # Mapping
//
// How a ticket appears as a GeoReport service request:
//
//   - service_code and service_name: the ticket's category (Config.Services
//     binds codes to categories; a category without a service of its own
//     shows under its nearest ancestor's).
//   - status: "closed" once the handling unit reports the matter resolved
//     (resolved, called back, closed), when it ended without dispatch (an
//     art. 11 outcome) or was merged; "open" otherwise. status_notes says
//     which state, and which unit.
//   - agency_responsible: the lead unit once dispatched; before, the
//     grid's responsibility look-up for the place (grid.View.Responsible).
//   - expected_datetime: the resolution clock's deadline, on the service's
//     working-day calendar, with pauses and approved extensions; before
//     dispatch, the deadline the SLA rule would give if dispatched on
//     receipt. POST answers carry it too (an extension of this server).
//   - requested_datetime and updated_datetime: the intake and the last
//     event, stamped by the service's own clock (never the client's), in
//     the calendar's zone with its offset.
//   - address and address_id: the grid place (its path below the
//     district, and its code or id); lat, long and media_url: the
//     ticket's Details.
//   - Contact fields (first_name, last_name, phone, email) are stored in
//     the ticket's Contact, which the ticket package masks for every role
//     that does not need it; GeoReport answers are public and carry none
//     of them. address_string is kept in the contact too, since it is
//     often the resident's home.
//
// # Requests in
//
// POST needs api_key, naming a configured App (its channel and
// organisation), service_code and a location: lat and long, address_string,
// or address_id, which is a grid code, a grid place id or a signed
// building code (一楼一码, verified with Config.Keyring; the ticket's
// channel is then the scan code). attribute[code] (attribute[code][] for
// a multivaluelist) are checked against the service definition: required
// ones present, list values among the listed keys, numbers and datetimes
// well formed. jurisdiction_id names a Config.Jurisdictions entry and the
// place must lie within it. A POST with an Idempotency-Key header (or a
// client_request_id field) is idempotent: a retry answers with the first
// request's id and opens nothing.
//
// With Config.Dispatch set, a new request is routed and dispatched at
// once and answered with its service_request_id; a request that cannot be
// routed, or a service marked Batch, is answered with a token.
//
// # Client and import
//
// Client reads any GeoReport v2 endpoint in JSON or XML, tolerating what
// published endpoints write (bare numbers for ids, leading zeros, quoted
// booleans) unless Strict. Client.Each pages through a time range in
// windows of at most 90 days, halving any window whose answer hits the
// endpoint's cap. Importer copies the requests into a ticket.Service with
// their history (intake, dispatch to the agency, resolution when closed),
// through the service's history import, idempotently: a second import of
// the same window adds nothing, and a request closed since is updated.
package open311
