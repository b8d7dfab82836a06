package open311_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/ticket/open311"
	"github.com/gongzhi/gongzhi/ticket/open311/open311test"
)

var ticketFilterAll = ticket.Filter{}

var cst = time.FixedZone("CST", 8*3600)

// clock is a settable test clock.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

const open311testKey = open311test.DemoKey

func newDemo(t testing.TB) (*open311test.Demo, *clock) {
	t.Helper()
	c := &clock{t: time.Date(2026, 6, 10, 9, 30, 0, 0, cst)}
	d, err := newDemoAt(c)
	if err != nil {
		t.Fatal(err)
	}
	return d, c
}

func newDemoAt(c *clock) (*open311test.Demo, error) { return open311test.NewDemo(c.now) }

func do(t *testing.T, h http.Handler, method, target string, form url.Values, header ...string) (int, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, target, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

func count(t testing.TB, d *open311test.Demo) int {
	t.Helper()
	n := 0
	for _, err := range d.Store.Tickets(context.Background(), ticket.Filter{}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	return n
}

func TestServicesJSONAndXML(t *testing.T) {
	d, _ := newDemo(t)
	code, body := do(t, d.Handler, "GET", "/services.json", nil)
	if code != 200 {
		t.Fatalf("GET /services.json: %d %s", code, body)
	}
	var list []open311.Service
	if err := json.Unmarshal([]byte(body), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 13 {
		t.Fatalf("got %d services, want 13 (the leaf categories)", len(list))
	}
	var elevator open311.Service
	for _, s := range list {
		if s.Code == "housing.elevator" {
			elevator = s
		}
	}
	if !elevator.Metadata || elevator.Type != "realtime" || elevator.Group != "住房与物业 housing and property" {
		t.Errorf("elevator service = %+v", elevator)
	}
	code, body = do(t, d.Handler, "GET", "/services.xml", nil)
	if code != 200 || !strings.HasPrefix(body, `<?xml version="1.0" encoding="UTF-8"?>`) || !strings.Contains(body, "<services><service><service_code>housing.property</service_code>") {
		t.Fatalf("GET /services.xml: %d %s", code, body[:min(len(body), 300)])
	}
	code, body = do(t, d.Handler, "GET", "/services/housing.elevator.json", nil)
	var def open311.ServiceDefinition
	if code != 200 || json.Unmarshal([]byte(body), &def) != nil || len(def.Attributes) != 1 || def.Attributes[0].Code != "stuck" {
		t.Fatalf("definition: %d %s", code, body)
	}
	code, body = do(t, d.Handler, "GET", "/services/housing.elevator.xml", nil)
	var xdef open311.ServiceDefinition
	if code != 200 || xml.Unmarshal([]byte(body), &xdef) != nil || len(xdef.Attributes) != 1 || len(xdef.Attributes[0].Values) != 2 {
		t.Fatalf("definition xml: %d %s", code, body)
	}
	if code, body = do(t, d.Handler, "GET", "/services/nope.json", nil); code != 404 || !strings.Contains(body, `"code":404`) {
		t.Fatalf("unknown service: %d %s", code, body)
	}
}

func post(t *testing.T, d *open311test.Demo, format string, form url.Values, header ...string) (int, string) {
	t.Helper()
	return do(t, d.Handler, "POST", "/requests."+format, form, header...)
}

func TestPostListAndGet(t *testing.T) {
	d, c := newDemo(t)
	door := d.Doors[0]
	form := url.Values{"api_key": {"demo"}, "service_code": {"housing.hallway"}, "address_id": {d.Codes[door]},
		"description": {"楼道里堆满了纸箱"}, "first_name": {"莹"}, "last_name": {"张"}, "phone": {"13800001234"},
		"lat": {"39.6700"}, "long": {"116.3200"}}
	code, body := post(t, d, "json", form)
	if code != 200 {
		t.Fatalf("POST: %d %s", code, body)
	}
	var created []open311.Created
	if err := json.Unmarshal([]byte(body), &created); err != nil || len(created) != 1 {
		t.Fatalf("POST answer %s: %v", body, err)
	}
	id := string(created[0].ID)
	if id == "" || created[0].Token != "" {
		t.Fatalf("a dispatched request must be answered with its id: %+v", created[0])
	}
	// Hallway clutter stays in the building: the building steward level;
	// the Beijing illustrative rule for it is counted on China's calendar.
	tk, err := d.Service.Get(context.Background(), ticket.ID(id), ticket.HotlineRole)
	if err != nil {
		t.Fatal(err)
	}
	if tk.Channel != ticket.ScanCode || tk.Location != door || tk.Contact.Name != "张莹" || tk.State != ticket.Dispatched {
		t.Fatalf("stored ticket: channel %s location %s name %q state %s", tk.Channel, tk.Location, tk.Contact.Name, tk.State)
	}
	rc, ok := tk.Clock(ticket.ResolutionClock)
	if !ok || created[0].Expected != rc.Due.In(cst).Format(time.RFC3339) {
		t.Fatalf("expected_datetime %q, resolution clock due %v", created[0].Expected, rc.Due)
	}
	if !tk.ReceivedAt.Equal(c.t) {
		t.Fatalf("received at %v, want the service clock %v", tk.ReceivedAt, c.t)
	}

	c.t = c.t.Add(time.Hour)
	for _, format := range []string{"json", "xml"} {
		code, body = do(t, d.Handler, "GET", "/requests."+format+"?status=open", nil)
		if code != 200 || !strings.Contains(body, id) {
			t.Fatalf("GET /requests.%s?status=open: %d %s", format, code, body)
		}
		code, body = do(t, d.Handler, "GET", "/requests."+format+"?status=closed", nil)
		if code != 200 || strings.Contains(body, id) {
			t.Fatalf("GET /requests.%s?status=closed lists an open request: %s", format, body)
		}
	}
	code, body = do(t, d.Handler, "GET", "/requests/"+id+".json", nil)
	var got []open311.ServiceRequest
	if code != 200 || json.Unmarshal([]byte(body), &got) != nil || len(got) != 1 {
		t.Fatalf("GET one: %d %s", code, body)
	}
	sr := got[0]
	if sr.Status != "open" || sr.ServiceCode != "housing.hallway" || sr.Expected != created[0].Expected ||
		sr.Address != "天宫院街道 天宫院中里社区 第1网格 1号楼 1号楼1单元" || sr.Lat == nil || *sr.Lat != 39.67 ||
		sr.Requested != "2026-06-10T09:30:00+08:00" || sr.AgencyResponsible == "" {
		t.Fatalf("request = %+v", sr)
	}
	if strings.Contains(body, "13800001234") || strings.Contains(body, "张莹") {
		t.Fatalf("contact leaked into a public answer: %s", body)
	}
	code, body = do(t, d.Handler, "GET", "/requests/"+id+".xml", nil)
	var doc struct {
		Requests []open311.ServiceRequest `xml:"request"`
	}
	if code != 200 || xml.Unmarshal([]byte(body), &doc) != nil || len(doc.Requests) != 1 || doc.Requests[0].Expected != sr.Expected {
		t.Fatalf("GET one xml: %d %s", code, body)
	}
	if code, _ = do(t, d.Handler, "GET", "/tokens/"+id+".json", nil); code != 200 {
		t.Fatalf("token of a dispatched request: %d", code)
	}
}

func TestPostIsIdempotentByKey(t *testing.T) {
	d, c := newDemo(t)
	form := url.Values{"api_key": {"demo"}, "service_code": {"order.noise"}, "address_id": {string(d.Doors[2])}, "description": {"夜间噪音"}}
	_, first := post(t, d, "json", form, open311.IdempotencyHeader, "k-1")
	c.t = c.t.Add(2 * time.Second) // the retry arrives later
	code, second := post(t, d, "json", form, open311.IdempotencyHeader, "k-1")
	if code != 200 || first != second {
		t.Fatalf("retry answered %d %s, first %s", code, second, first)
	}
	if n := count(t, d); n != 1 {
		t.Fatalf("%d tickets after a retried POST, want 1", n)
	}
	form.Set("description", "something else")
	if code, body := post(t, d, "json", form, open311.IdempotencyHeader, "k-1"); code != http.StatusConflict {
		t.Fatalf("reused key with other content: %d %s", code, body)
	}
	form.Set("client_request_id", "k-2")
	if code, _ := post(t, d, "xml", form); code != 200 || count(t, d) != 2 {
		t.Fatalf("a new key must open a new request")
	}
}

// TestRefusedRequestsWriteNothing: every refusal answers in the
// specification's error format and leaves the store as it was.
func TestRefusedRequestsWriteNothing(t *testing.T) {
	d, _ := newDemo(t)
	good := func() url.Values {
		return url.Values{"api_key": {"demo"}, "service_code": {"housing.elevator"}, "address_id": {string(d.Doors[1])},
			"description": {"电梯停了"}, "attribute[stuck]": {"no"}}
	}
	cases := []struct {
		name   string
		edit   func(url.Values)
		status int
	}{
		{"no api key", func(v url.Values) { v.Del("api_key") }, 403},
		{"wrong api key", func(v url.Values) { v.Set("api_key", "guess") }, 403},
		{"unknown service", func(v url.Values) { v.Set("service_code", "nope") }, 404},
		{"no service", func(v url.Values) { v.Del("service_code") }, 400},
		{"no location", func(v url.Values) { v.Del("address_id") }, 400},
		{"lat without long", func(v url.Values) { v.Set("lat", "39.9") }, 400},
		{"lat out of range", func(v url.Values) { v.Set("lat", "95"); v.Set("long", "116") }, 400},
		{"lat not a number", func(v url.Values) { v.Set("lat", "NaN"); v.Set("long", "116") }, 400},
		{"unknown place", func(v url.Values) { v.Set("address_id", "nowhere") }, 400},
		{"forged building code", func(v url.Values) { v.Set("address_id", d.Codes[d.Doors[0]]+"x") }, 400},
		{"required attribute missing", func(v url.Values) { v.Del("attribute[stuck]") }, 400},
		{"attribute value not in list", func(v url.Values) { v.Set("attribute[stuck]", "maybe") }, 400},
		{"undefined attribute", func(v url.Values) { v.Set("attribute[color]", "red") }, 400},
		{"malformed attribute", func(v url.Values) { v.Set("attribute[stuck", "no") }, 400},
		{"two values for one", func(v url.Values) { v["attribute[stuck]"] = []string{"no", "yes"} }, 400},
		{"media not http", func(v url.Values) { v.Set("media_url", "javascript:alert(1)") }, 400},
		{"description too long", func(v url.Values) { v.Set("description", strings.Repeat("长", 4001)) }, 400},
		{"unknown jurisdiction", func(v url.Values) { v.Set("jurisdiction_id", "chaoyang") }, 400},
		{"repeated parameter", func(v url.Values) { v["description"] = []string{"a", "b"} }, 400},
		{"body too large", func(v url.Values) { v.Set("description", strings.Repeat("a", 70<<10)) }, 413},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, format := range []string{"json", "xml"} {
				v := good()
				tc.edit(v)
				code, body := post(t, d, format, v)
				if code != tc.status {
					t.Fatalf("%s: status %d, want %d: %s", format, code, tc.status, body)
				}
				if format == "json" {
					var errs []open311.APIError
					if err := json.Unmarshal([]byte(body), &errs); err != nil || len(errs) != 1 || errs[0].Code != tc.status || errs[0].Description == "" {
						t.Fatalf("error body %s", body)
					}
				} else if !strings.Contains(body, "<errors><error><code>") {
					t.Fatalf("xml error body %s", body)
				}
			}
			if n := count(t, d); n != 0 {
				t.Fatalf("a refused request wrote %d tickets", n)
			}
		})
	}
	if code, body := post(t, d, "json", good()); code != 200 {
		t.Fatalf("the good request itself: %d %s", code, body)
	}
}

func TestQueryValidation(t *testing.T) {
	d, _ := newDemo(t)
	for _, q := range []string{"status=pending", "start_date=yesterday", "start_date=2026-01-01&end_date=2026-06-01",
		"end_date=2026-01-01&start_date=2026-02-01", "service_code=nope", "jurisdiction_id=x"} {
		if code, body := do(t, d.Handler, "GET", "/requests.json?"+q, nil); code != 400 {
			t.Errorf("%s: %d %s", q, code, body)
		}
	}
	req := httptest.NewRequest("GET", "/requests.json", nil)
	req.URL.RawQuery = "%zz&status=open" // Go's URL.Query would drop the bad pair silently
	rec := httptest.NewRecorder()
	d.Handler.ServeHTTP(rec, req)
	if rec.Code != 400 || !strings.Contains(rec.Body.String(), "malformed query") {
		t.Errorf("malformed query: %d %s", rec.Code, rec.Body.String())
	}
	if code, _ := do(t, d.Handler, "GET", "/requests.yaml", nil); code != 400 {
		t.Errorf("unknown format: %d", code)
	}
	if code, _ := do(t, d.Handler, "DELETE", "/requests.json", nil); code != 405 {
		t.Errorf("DELETE: %d", code)
	}
	if code, body := do(t, d.Handler, "GET", "/discovery.json", nil); code != 200 || !strings.Contains(body, "GeoReport_v2") {
		t.Errorf("discovery: %d %s", code, body)
	}
}
