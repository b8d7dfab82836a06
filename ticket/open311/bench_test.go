package open311_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/ticket/open311/open311test"
)

// The load benchmarks run a real server on loopback and a bounded number
// of requests (b.N) from parallel clients; they report requests per
// second.

func loopback(b *testing.B, h http.Handler) (*httptest.Server, *http.Client) {
	b.Helper()
	srv := httptest.NewServer(h)
	b.Cleanup(srv.Close)
	tr := &http.Transport{MaxIdleConnsPerHost: 64}
	b.Cleanup(tr.CloseIdleConnections)
	return srv, &http.Client{Transport: tr}
}

func send(b *testing.B, c *http.Client, req *http.Request) {
	resp, err := c.Do(req)
	if err != nil {
		b.Error(err)
		return
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		b.Errorf("status %d", resp.StatusCode)
	}
}

func BenchmarkPostLoopback(b *testing.B) {
	d, _ := newDemo(b)
	srv, c := loopback(b, d.Handler)
	var n atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			form := url.Values{"api_key": {"demo"}, "service_code": {"order.noise"},
				"address_id": {string(d.Doors[i%int64(len(d.Doors))])}, "description": {"夜间施工噪音"}}
			req, _ := http.NewRequest("POST", srv.URL+"/requests.json", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Idempotency-Key", fmt.Sprint(i))
			send(b, c, req)
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

func BenchmarkGetRequestLoopback(b *testing.B) {
	d, _ := newDemo(b)
	ctx := context.Background()
	form := url.Values{"api_key": {"demo"}, "service_code": {"order.noise"}, "address_id": {string(d.Doors[0])}, "description": {"x"}}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", "/requests.json", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	d.Handler.ServeHTTP(rec, req)
	var id string
	for t, err := range d.Store.Tickets(ctx, ticketFilterAll) {
		if err != nil {
			b.Fatal(err)
		}
		id = string(t.ID)
	}
	srv, c := loopback(b, d.Handler)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest("GET", srv.URL+"/requests/"+id+".json", nil)
			send(b, c, req)
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

// BenchmarkListRequests100k answers GET /requests over a store of 100,000
// tickets received over 120 days: the default search (the last 90 days,
// newest first, capped at 1000 answers) and a one-day window of one
// service's open requests. The store answers from its index by receipt
// instant, so a request costs what it returns, not what the store holds.
func BenchmarkListRequests100k(b *testing.B) {
	d, c := newDemo(b)
	fillStore(b, d, c.t, 100_000)
	day := c.t.AddDate(0, 0, -10).Format("2006-01-02")
	for _, bc := range []struct{ name, query string }{
		{"Default", ""},
		{"OneDayOpenService", "?status=open&service_code=order.noise&start_date=" + day + "&end_date=" + day + "T23:59:59%2B08:00"},
	} {
		b.Run(bc.name, func(b *testing.B) { open311test.BenchGet(b, d.Handler, "/requests.json"+bc.query) })
	}
}

// BenchmarkListJurisdiction100k answers the default search (the last 90
// days, newest first, at most 1000) of each jurisdiction of the
// open311test City over 100,000 tickets in the memory store: the
// district, one subdistrict (a tenth of the tickets) and one building (a
// thousandth). A jurisdiction is the grid places under it, which the
// store answers from its index by place, so the building costs what it
// returns.
func BenchmarkListJurisdiction100k(b *testing.B) {
	now := time.Date(2026, 6, 10, 9, 30, 0, 0, cst)
	city, err := open311test.NewCity(func() time.Time { return now }, ticket.NewMemStore(), 100_000)
	if err != nil {
		b.Fatal(err)
	}
	open311test.BenchJurisdictions(b, city.Handler)
}
