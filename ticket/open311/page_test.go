package open311_test

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/ticket/open311"
)

// TestListJurisdictionsAndPages checks GET /requests with jurisdictions
// narrower than the store (a grid, one unit door, a place outside the
// grid) and with page and page_size, against the definition applied to
// every ticket: its place within the jurisdiction's place on the grid,
// its service code and status as GET /requests/{id} shows them, newest
// first then by id, page p of size n being the answers p·n-n+1 to p·n.
// It runs twice: with the jurisdiction passed to the store as places
// (ticket.Filter.Places), and with the ticket-by-ticket check of
// jurisdictions too wide for that.
func TestListJurisdictionsAndPages(t *testing.T) {
	d, c := newDemo(t)
	fillStore(t, d, c.t, 3000)
	view := d.Grid.At(c.t)
	js := []open311.Jurisdiction{{ID: "daxing", Place: "dx"}, {ID: "g1", Place: "tgyzl-g1"},
		{ID: "door", Place: "tgyzl-b3-u1"}, {ID: "elsewhere", Place: "not-in-the-grid"}}
	h, err := open311.New(open311.Config{Service: d.Service, Jurisdictions: js, Places: view, MaxResults: 200})
	if err != nil {
		t.Fatal(err)
	}
	get := func(target string) []listed {
		t.Helper()
		code, body := do(t, h, "GET", target, nil)
		if code != 200 {
			t.Fatalf("GET %s: %d %s", target, code, body)
		}
		var out []listed
		if err := json.Unmarshal([]byte(body), &out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	type one struct {
		listed
		at    time.Time
		place grid.ID
	}
	var all []one
	for tk, err := range d.Store.Tickets(context.Background(), ticket.Filter{}) {
		if err != nil {
			t.Fatal(err)
		}
		if l := get("/requests/" + string(tk.ID) + ".json?jurisdiction_id=daxing"); len(l) == 1 && l[0].Code != "" {
			all = append(all, one{l[0], tk.ReceivedAt, tk.Location})
		}
	}
	slices.SortFunc(all, func(a, b one) int {
		if c := b.at.Compare(a.at); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	from := c.t.Add(-90 * 24 * time.Hour)
	for _, mode := range []struct {
		name      string
		maxPlaces int
	}{{"store", 20000}, {"check", 1}} {
		open311.SetMaxPlaceFilter(h, mode.maxPlaces)
		for _, j := range js {
			for _, q := range []url.Values{
				{},
				{"status": {"open"}},
				{"page_size": {"7"}},
				{"page_size": {"7"}, "page": {"3"}},
				{"page_size": {"200"}, "page": {"2"}, "status": {"closed"}},
				{"page": {"2"}},
				{"page_size": {"1"}, "page": {"2000"}},
				{"page_size": {"50"}, "page": {"40"}},
			} {
				var hits []string
				for _, o := range all {
					if o.at.Before(from) || o.place == "" || !view.Within(o.place, j.Place) {
						continue
					}
					if st := q.Get("status"); st != "" && o.Status != st {
						continue
					}
					hits = append(hits, o.ID)
				}
				page, size := 1, 200
				fmt.Sscan(q.Get("page"), &page)
				fmt.Sscan(q.Get("page_size"), &size)
				want := hits[min(len(hits), (page-1)*size):min(len(hits), page*size)]
				q := maps(q, "jurisdiction_id", j.ID)
				var got []string
				for _, l := range get("/requests.json?" + q.Encode()) {
					got = append(got, l.ID)
				}
				if !slices.Equal(want, got) {
					t.Errorf("%s: GET /requests?%s: %d requests, want %d; first differences: got %v, want %v", mode.name, q.Encode(),
						len(got), len(want), head(got, 5), head(want, 5))
				}
			}
		}
		// The pages of a jurisdiction, concatenated, are its listing.
		var pages []string
		for p := 1; ; p++ {
			l := get(fmt.Sprintf("/requests.json?jurisdiction_id=g1&page_size=13&page=%d", p))
			for _, r := range l {
				pages = append(pages, r.ID)
			}
			if len(l) < 13 {
				break
			}
		}
		var whole []string
		for p := 1; p <= 10; p++ {
			for _, r := range get(fmt.Sprintf("/requests.json?jurisdiction_id=g1&page=%d", p)) {
				whole = append(whole, r.ID)
			}
		}
		if len(pages) < 200 || !slices.Equal(pages, whole) {
			t.Errorf("%s: pages of 13 give %d requests, pages of 200 give %d; they must be the same listing", mode.name, len(pages), len(whole))
		}
	}
}

// maps returns a copy of q with k set to v.
func maps(q url.Values, k, v string) url.Values {
	out := url.Values{k: {v}}
	for k, vs := range q {
		out[k] = vs
	}
	return out
}

// TestPageParametersRefused checks that bad page and page_size values get
// 400 in the specification's error format, in JSON and XML.
func TestPageParametersRefused(t *testing.T) {
	d, _ := newDemo(t)
	for _, q := range []string{
		"page=0", "page=-1", "page=abc", "page=1.5", "page=+1", "page=", "page=%201", "page=1e3",
		"page_size=0", "page_size=1001", "page_size=", "page_size=0x10", "page_size=9999999999",
		"page=11", "page=6&page_size=2000", "page=10001&page_size=1", "page=999999999&page_size=999999999",
		"page=1&page=2",
	} {
		for _, ext := range []string{".json", ".xml"} {
			code, body := do(t, d.Handler, "GET", "/requests"+ext+"?"+q, nil)
			if code != 400 {
				t.Errorf("GET /requests%s?%s: %d %s, want 400", ext, q, code, body)
				continue
			}
			var errs []open311.APIError
			if ext == ".json" && (json.Unmarshal([]byte(body), &errs) != nil || len(errs) != 1 || errs[0].Code != 400) {
				t.Errorf("GET /requests.json?%s: the error is not in the specification's format: %s", q, body)
			}
		}
	}
	for _, q := range []string{"page=1", "page=10", "page_size=1000", "page=10&page_size=1000", "page=10000&page_size=1", "page=01"} {
		if code, body := do(t, d.Handler, "GET", "/requests.json?"+q, nil); code != 200 {
			t.Errorf("GET /requests.json?%s: %d %s, want 200", q, code, body)
		}
	}
}
