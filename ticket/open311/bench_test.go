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
