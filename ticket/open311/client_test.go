package open311_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/ticket/open311"
)

// specServer answers every method with the specification's example for it.
func specServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ext := filepath.Ext(r.URL.Path)
		p := strings.TrimSuffix(r.URL.Path, ext)
		name, status := "", 200
		switch {
		case p == "/discovery":
			name = "discovery"
		case p == "/services":
			name = "services"
		case strings.HasPrefix(p, "/services/"):
			name = "definition"
		case p == "/requests" && r.Method == http.MethodPost:
			name = "post"
		case strings.HasPrefix(p, "/requests"):
			name = "requests"
		case strings.HasPrefix(p, "/tokens/"):
			name = "token"
		default:
			name, status = "errors", 403
		}
		b, err := os.ReadFile(filepath.Join("testdata", "spec", name+ext))
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		w.WriteHeader(status)
		_, _ = w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestSpecExamples reads every example of the specification, in both
// formats, and checks what it says.
func TestSpecExamples(t *testing.T) {
	srv := specServer(t)
	ctx := context.Background()
	for _, format := range []string{"json", "xml"} {
		t.Run(format, func(t *testing.T) {
			c := &open311.Client{BaseURL: srv.URL, Format: format, APIKey: "k"}
			d, err := c.Discovery(ctx)
			if err != nil || d.Changeset != "2011-02-03 14:18" || len(d.Endpoints) == 0 || d.Endpoints[0].Formats[1] != "application/json" {
				t.Fatalf("discovery: %+v %v", d, err)
			}
			svcs, err := c.Services(ctx)
			if err != nil || len(svcs) != 3 || svcs[0].Code != "001" || !bool(svcs[0].Metadata) || svcs[2].Group != "street" {
				t.Fatalf("services: %+v %v", svcs, err)
			}
			def, err := c.Definition(ctx, "DMV66")
			if err != nil || def.Code != "DMV66" || len(def.Attributes) != 1 || !bool(def.Attributes[0].Required) ||
				def.Attributes[0].Values[1].Key != "124" || def.Attributes[0].Values[1].Name != "Chrysler" {
				t.Fatalf("definition: %+v %v", def, err)
			}
			cr, err := c.Post(ctx, url.Values{"service_code": {"001"}, "lat": {"37.76"}, "long": {"-122.46"}}, "")
			if err != nil || cr.ID != "293944" || !strings.HasPrefix(cr.ServiceNotice, "The City will inspect") {
				t.Fatalf("post: %+v %v", cr, err)
			}
			tok, err := c.Token(ctx, "12345")
			if err != nil || tok.ID != "638344" || tok.Token != "12345" {
				t.Fatalf("token: %+v %v", tok, err)
			}
			reqs, err := c.Requests(ctx, nil)
			if err != nil || len(reqs) != 2 {
				t.Fatalf("requests: %+v %v", reqs, err)
			}
			r := reqs[0]
			if r.ID != "638344" || r.Status != "closed" || r.ServiceCode != "006" || r.AddressID != "545483" || r.Zipcode != "94122" ||
				*r.Lat != 37.762221815 || *r.Long != -122.4651145 || r.Expected != "2010-04-15T06:37:38-08:00" || r.StatusNotes != "Duplicate request." {
				t.Fatalf("request: %+v", r)
			}
			_, err = (&open311.Client{BaseURL: srv.URL + "/nope", Format: format}).Services(ctx)
			var re *open311.RemoteError
			if !errors.As(err, &re) || re.Status != 403 || len(re.Errors) != 1 || re.Errors[0].Description != "Invalid api_key" {
				t.Fatalf("error answer: %v", err)
			}
		})
	}
	// Strict reading names the deviation of the JSON examples.
	_, err := (&open311.Client{BaseURL: srv.URL, Strict: true}).Services(ctx)
	var fe *open311.FormatError
	if !errors.As(err, &fe) || !strings.Contains(fe.Reason, "leading zeros") {
		t.Fatalf("strict: %v", err)
	}
}

func TestQuoteLeadingZeros(t *testing.T) {
	for in, want := range map[string]string{
		`{"a":006,"b":"007","c":0,"d":0.5,"e":[01,2]}`: `{"a":"006","b":"007","c":0,"d":0.5,"e":["01",2]}`,
		`{"s":"x\"006"}`: `{"s":"x\"006"}`,
	} {
		if got := string(open311.QuoteLeadingZeros([]byte(in))); got != want {
			t.Errorf("%s -> %s, want %s", in, got, want)
		}
	}
}

// TestClientAgainstServer runs the client against a live server on
// loopback: post, read back in both formats, and import into a second
// service twice.
func TestClientAgainstServer(t *testing.T) {
	src, clk := newDemo(t)
	srv := httptest.NewServer(src.Handler)
	defer srv.Close()
	ctx := context.Background()
	start := clk.t
	var ids []string
	for i, door := range src.Doors[:5] {
		clk.t = start.Add(time.Duration(i) * time.Hour)
		c := &open311.Client{BaseURL: srv.URL, Format: []string{"json", "xml"}[i%2], APIKey: open311testKey}
		cr, err := c.Post(ctx, url.Values{"service_code": {"environment.waste"}, "address_id": {src.Codes[door]}, "description": {"垃圾桶满了"}}, "retry-key-"+string(door))
		if err != nil {
			t.Fatal(err)
		}
		if again, err := c.Post(ctx, url.Values{"service_code": {"environment.waste"}, "address_id": {src.Codes[door]}, "description": {"垃圾桶满了"}}, "retry-key-"+string(door)); err != nil || again.ID != cr.ID {
			t.Fatalf("retry gave %+v %v, want %s", again, err, cr.ID)
		}
		ids = append(ids, string(cr.ID))
	}
	clk.t = start.Add(24 * time.Hour)
	resolve(t, src.Service, ids[0])

	dstClock := &clock{t: clk.t}
	dstDemo, err := newDemoAt(dstClock)
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]ticket.CategoryID{}
	for _, c := range ticket.CommunityCategories() {
		codes[string(c.ID)] = c.ID
	}
	im := &open311.Importer{Service: dstDemo.Service, Store: dstDemo.Store, Prefix: "tgy", Categories: codes}
	for _, format := range []string{"json", "xml"} {
		c := &open311.Client{BaseURL: srv.URL, Format: format, PageLimit: 2}
		st, err := im.Import(ctx, c, start.Add(-time.Hour), clk.t)
		if err != nil {
			t.Fatal(err)
		}
		if format == "json" && (st.Seen != 5 || st.Created != 5 || len(st.Skipped) != 0) {
			t.Fatalf("first import: %+v", st)
		}
		if format == "xml" && (st.Seen != 5 || st.Unchanged != 5 || st.Created+st.Updated != 0) {
			t.Fatalf("second import must add nothing: %+v", st)
		}
	}
	got, err := dstDemo.Service.Get(ctx, ticket.ID("tgy:"+ids[0]), ticket.HotlineRole)
	if err != nil || got.State != ticket.Resolved || got.Lead.Name == "" {
		t.Fatalf("imported closed request: %v %+v", err, got.State)
	}
	// A request resolved at the source after the first import is updated.
	clk.t = clk.t.Add(time.Hour)
	dstClock.t = clk.t
	resolve(t, src.Service, ids[1])
	st, err := im.Import(ctx, &open311.Client{BaseURL: srv.URL}, start.Add(-time.Hour), clk.t)
	if err != nil || st.Updated != 1 || st.Unchanged != 4 {
		t.Fatalf("third import: %+v %v", st, err)
	}
}

func resolve(t *testing.T, svc *ticket.Service, id string) {
	t.Helper()
	ctx := context.Background()
	tk, err := svc.Get(ctx, ticket.ID(id), ticket.HotlineRole)
	if err != nil {
		t.Fatal(err)
	}
	staff := ticket.Actor{ID: "staff", Role: ticket.UnitRole, Unit: tk.Lead.ID}
	for _, k := range []ticket.EventKind{ticket.EvAccept, ticket.EvStart, ticket.EvResolve} {
		if _, err := svc.Act(ctx, tk.ID, ticket.Event{Kind: k, Actor: staff, Note: "done"}); err != nil {
			t.Fatal(k, err)
		}
	}
}
