package open311_test

import (
	"fmt"
	"net/http/httptest"
	"net/url"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/ticket/open311/open311test"
)

// A resident's app posts a request with the demo key; the answer carries
// the new request's id and its resolution deadline on the working-day
// calendar, and the request is listed among the open ones.
func ExampleHandler() {
	now := time.Date(2026, 6, 10, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))
	demo, err := open311test.NewDemo(func() time.Time { return now })
	if err != nil {
		panic(err)
	}
	form := url.Values{"api_key": {"demo"}, "service_code": {"order.noise"},
		"address_id": {"tgyzl-b1-u1"}, "description": {"夜间施工噪音"}}
	req := httptest.NewRequest("POST", "/requests.json", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Idempotency-Key", "app-42")
	rec := httptest.NewRecorder()
	demo.Handler.ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Body.String())

	rec = httptest.NewRecorder()
	demo.Handler.ServeHTTP(rec, httptest.NewRequest("GET", "/requests.json?status=open", nil))
	fmt.Println(rec.Code, strings.Count(rec.Body.String(), `"status":"open"`), "open request")
	// Output:
	// 200 [{"service_request_id":"o311-vvno6guw55xrf2dxdmm5ntjm","service_notice":"社区将在时限内处理并回访 (the community handles the request within the time limit and calls back)","expected_datetime":"2026-06-18T00:00:00+08:00"}]
	// 200 1 open request
}
