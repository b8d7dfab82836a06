package open311_test

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/ticket/open311/open311test"
)

// fillStore stores n tickets directly in the demo's store: received over
// the 120 days before the demo clock (several at the same instant), in
// every category of the demo's tree (with and without a service of its
// own) and in every state; every fourth has no place, so it lies outside
// the endpoint's jurisdiction.
func fillStore(t testing.TB, d *open311test.Demo, now time.Time, n int) {
	t.Helper()
	ctx := context.Background()
	cats := d.Service.Config().Categories.List()
	states := []ticket.State{ticket.Received, ticket.Dispatched, ticket.Objected, ticket.Accepted, ticket.InProgress,
		ticket.Paused, ticket.Resolved, ticket.CalledBack, ticket.Closed, ticket.Disposed, ticket.Merged}
	x := uint64(88172645463325252)
	for i := range n {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		at := now.Add(-time.Duration(x%uint64(120*24*3600)) * time.Second).Truncate(time.Duration(1+i%3) * time.Minute)
		tk := ticket.Ticket{ID: ticket.ID(fmt.Sprintf("r%07d", i)), Channel: ticket.Hotline, Kind: ticket.Complaint,
			Category: cats[int(x>>20)%len(cats)].ID, State: states[int(x>>32)%len(states)], Text: "t",
			Location: d.Doors[i%len(d.Doors)], ReceivedAt: at, Updated: at}
		if i%4 == 0 {
			tk.Location = "" // outside the endpoint's jurisdiction: never listed
		}
		if _, _, err := d.Store.CreateTicket(ctx, tk); err != nil {
			t.Fatal(err)
		}
	}
}

// listed is the part of a GeoReport answer the comparison needs.
type listed struct {
	ID        string `json:"service_request_id"`
	Code      string `json:"service_code"`
	Status    string `json:"status"`
	Requested string `json:"requested_datetime"`
}

// TestListMatchesEveryTicket checks GET /requests, which asks the store
// for a window newest first, against the definition applied to every
// ticket one by one: the service code and status each ticket shows on
// GET /requests/{id}, its receipt instant within [start_date, end_date],
// newest first (then by id), at most 1000, within the endpoint's
// jurisdiction (checked on the tickets the store yields, page by page).
func TestListMatchesEveryTicket(t *testing.T) {
	d, c := newDemo(t)
	fillStore(t, d, c.t, 4000)
	get := func(target string) []listed {
		t.Helper()
		code, body := do(t, d.Handler, "GET", target, nil)
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
		at time.Time
	}
	var all []one
	for tk, err := range d.Store.Tickets(context.Background(), ticket.Filter{}) {
		if err != nil {
			t.Fatal(err)
		}
		if tk.Location == "" {
			continue // outside the jurisdiction
		}
		if l := get("/requests/" + string(tk.ID) + ".json"); len(l) == 1 && l[0].Code != "" {
			all = append(all, one{l[0], tk.ReceivedAt})
		}
	}
	codes := map[string]bool{}
	for _, o := range all {
		codes[o.Code] = true
	}
	someCodes := slices.Sorted(func(yield func(string) bool) {
		for c := range codes {
			if !yield(c) {
				return
			}
		}
	})
	day := func(n int) string { return c.t.AddDate(0, 0, n).Format("2006-01-02") }
	for _, q := range []url.Values{
		{},
		{"status": {"open"}},
		{"status": {"closed"}},
		{"status": {"open,closed"}},
		{"service_code": {someCodes[0]}},
		{"service_code": {someCodes[0] + "," + someCodes[len(someCodes)-1]}, "status": {"closed"}},
		{"start_date": {day(-100)}, "end_date": {day(-30)}},
		{"start_date": {day(-20)}},
		{"end_date": {day(-95)}},
		{"start_date": {c.t.Add(-48 * time.Hour).Format(time.RFC3339)}, "end_date": {c.t.Add(-47 * time.Hour).Format(time.RFC3339)}},
	} {
		from, to := c.t.Add(-90*24*time.Hour), c.t
		parse := func(s string) time.Time {
			if tm, err := time.ParseInLocation("2006-01-02", s, cst); err == nil {
				return tm
			}
			tm, _ := time.Parse(time.RFC3339, s)
			return tm
		}
		switch s, e := q.Get("start_date"), q.Get("end_date"); {
		case s != "" && e != "":
			from, to = parse(s), parse(e)
		case s != "":
			from = parse(s)
			to = from.Add(90 * 24 * time.Hour)
		case e != "":
			to = parse(e)
			from = to.Add(-90 * 24 * time.Hour)
		}
		var want []string
		var hits []one
		for _, o := range all {
			if o.at.Before(from) || o.at.After(to) {
				continue
			}
			if cs := q.Get("service_code"); cs != "" && !slices.Contains(splitComma(cs), o.Code) {
				continue
			}
			if st := q.Get("status"); st != "" && !slices.Contains(splitComma(st), o.Status) {
				continue
			}
			hits = append(hits, o)
		}
		slices.SortFunc(hits, func(a, b one) int {
			if c := b.at.Compare(a.at); c != 0 {
				return c
			}
			return cmp.Compare(a.ID, b.ID)
		})
		for i := 0; i < len(hits) && i < 1000; i++ {
			want = append(want, hits[i].ID)
		}
		var got []string
		for _, l := range get("/requests.json?" + q.Encode()) {
			got = append(got, l.ID)
		}
		if !slices.Equal(want, got) {
			t.Errorf("GET /requests?%s: %d requests, want %d; first differences: got %v, want %v", q.Encode(), len(got), len(want),
				head(got, 5), head(want, 5))
		}
		if len(want) == 0 {
			t.Errorf("GET /requests?%s: the case selects nothing, so it checks nothing", q.Encode())
		}
	}
}

func splitComma(s string) []string { return strings.Split(s, ",") }

func head(xs []string, n int) []string { return xs[:min(n, len(xs))] }
