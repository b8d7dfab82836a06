package open311_test

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/ticket/open311"
)

// FuzzPost sends arbitrary form bodies: an answer of 200 created exactly
// one ticket (none on a retry of the same key), any other answer is a 4xx
// in the specification's error format and wrote nothing; never a 5xx.
func FuzzPost(f *testing.F) {
	f.Add("api_key=demo&service_code=order.noise&address_id=tgyzl-b1-u1&description=x", "")
	f.Add("api_key=demo&service_code=housing.elevator&lat=39.6&long=116.3&attribute[stuck]=no", "k")
	f.Add("api_key=demo&service_code=housing.elevator&lat=39.6&long=116.3&attribute[stuck][]=no&attribute[stuck][]=yes", "")
	f.Add("api_key=demo&service_code=order.noise&address_string=%E5%8C%97&media_url=http://x/y.jpg&email=a@b", "")
	f.Add("%zz", "")
	f.Fuzz(func(t *testing.T, body, key string) {
		d, _ := newDemo(t)
		if !strings.Contains(body, "api_key=") {
			body += "&api_key=demo"
		}
		form, err := url.ParseQuery(body)
		if err != nil {
			return // not a form; ParseForm refuses it the same way
		}
		before := count(t, d)
		code, out := post(t, d, "json", form, "Idempotency-Key", key)
		after := count(t, d)
		switch {
		case code == 200:
			if after != before+1 {
				t.Fatalf("200 but %d -> %d tickets", before, after)
			}
			var cr []open311.Created
			if err := json.Unmarshal([]byte(out), &cr); err != nil || len(cr) != 1 || (cr[0].ID == "" && cr[0].Token == "") {
				t.Fatalf("200 answer %s", out)
			}
			if key != "" {
				if code2, out2 := post(t, d, "json", form, "Idempotency-Key", key); code2 != 200 || out2 != out || count(t, d) != after {
					t.Fatalf("retry: %d %s", code2, out2)
				}
			}
		case code >= 400 && code < 500:
			if after != before {
				t.Fatalf("refused with %d but wrote %d tickets", code, after-before)
			}
			var errs []open311.APIError
			if err := json.Unmarshal([]byte(out), &errs); err != nil || len(errs) != 1 || errs[0].Code != code {
				t.Fatalf("error answer %s", out)
			}
		default:
			t.Fatalf("status %d: %s", code, out)
		}
	})
}

// FuzzQuery sends arbitrary GET /requests query strings: 200 with a JSON
// array whose entries all match the status filter, or a 400.
func FuzzQuery(f *testing.F) {
	f.Add("status=open")
	f.Add("status=open,closed&service_code=order.noise,order.parking")
	f.Add("start_date=2026-06-01&end_date=2026-06-30T23:59:59+08:00")
	f.Add("service_request_id=a,b,c")
	f.Add("jurisdiction_id=daxing&end_date=2026-06-10")
	f.Add("page=1&page_size=1&jurisdiction_id=daxing")
	f.Add("page=2&page_size=0010")
	f.Fuzz(func(t *testing.T, raw string) {
		d, _ := newDemo(t)
		form := url.Values{"api_key": {"demo"}, "service_code": {"order.noise"}, "address_id": {string(d.Doors[0])}, "description": {"x"}}
		if code, out := post(t, d, "json", form); code != 200 {
			t.Fatalf("setup: %d %s", code, out)
		}
		req := httptest.NewRequest("GET", "/requests.json", nil)
		req.URL.RawQuery = raw // as a client sent it, however malformed
		rec := httptest.NewRecorder()
		d.Handler.ServeHTTP(rec, req)
		code, out := rec.Code, rec.Body.String()
		switch code {
		case 200:
			var list []open311.ServiceRequest
			if err := json.Unmarshal([]byte(out), &list); err != nil {
				t.Fatalf("200 answer is not a request list: %s", out)
			}
			q, _ := url.ParseQuery(raw)
			if st := q.Get("status"); st == "closed" && len(list) > 0 {
				t.Fatalf("status=closed listed open requests: %s", out)
			}
			// page and page_size, when given, are whole numbers from 1 in
			// decimal digits, page_size at most MaxResults (1000), and
			// page × page_size at most ten times it; the answer fits the
			// page, and the one request there is is on page 1 only.
			size := 1000
			for _, k := range []string{"page", "page_size"} {
				if vs, ok := q[k]; ok {
					n, err := strconv.Atoi(vs[0])
					if err != nil || n < 1 || strings.Trim(vs[0], "0123456789") != "" {
						t.Fatalf("%s=%q accepted", k, vs[0])
					}
					if k == "page_size" {
						size = n
					}
				}
			}
			page, _ := strconv.Atoi(q.Get("page"))
			if size > 1000 || len(list) > size || page*size > 10000 || (page > 1 && len(list) > 0 && q.Get("service_request_id") == "") {
				t.Fatalf("page %d of %d answered %d requests", page, size, len(list))
			}
		case 400, 404:
		default:
			t.Fatalf("status %d for %q: %s", code, raw, out)
		}
	})
}

// FuzzQuoteLeadingZeros: valid JSON is left exactly as it is, and the
// rewrite never makes valid JSON invalid.
func FuzzQuoteLeadingZeros(f *testing.F) {
	f.Add([]byte(`[{"service_code":006,"id":638344,"s":"0123"}]`))
	f.Add([]byte(`{"a":"\"007\\"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		out := open311.QuoteLeadingZeros(b)
		if json.Valid(b) && !bytes.Equal(out, b) {
			t.Fatalf("valid JSON changed: %s -> %s", b, out)
		}
	})
}
