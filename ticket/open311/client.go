package open311

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Client reads (and posts to) a GeoReport v2 endpoint, such as a city's
// 311 system or another gongzhi server. It reads answers as endpoints
// actually write them: identifiers as strings or bare numbers, booleans as
// true, "true" or 1, and numbers with leading zeros as in the
// specification's own examples (unless Strict).
type Client struct {
	// BaseURL is the endpoint root, e.g. "https://311.example.org/open311/v2".
	BaseURL string
	// Format is "json" (the default) or "xml".
	Format string
	// HTTP is the client used; nil means one with a 60-second timeout.
	HTTP *http.Client
	// APIKey is sent with POST; Jurisdiction with every call, if set.
	APIKey       string
	Jurisdiction string
	// MaxBody bounds an answer in bytes; 0 means 32 MiB.
	MaxBody int64
	// PageLimit is the most answers the endpoint gives for one query;
	// 0 means 1000, the specification's suggestion. Each splits a time
	// window whose answer is that full.
	PageLimit int
	// Strict refuses answers that deviate from the specification's
	// formats instead of reading them tolerantly; the error names the
	// deviation.
	Strict bool
}

// RemoteError is an error answer from the endpoint: its HTTP status and
// the errors it listed.
type RemoteError struct {
	Status int
	Errors []APIError
}

// Error implements the error interface.
func (e *RemoteError) Error() string {
	var parts []string
	for _, a := range e.Errors {
		parts = append(parts, a.Description)
	}
	return fmt.Sprintf("open311: remote answered %d: %s", e.Status, strings.Join(parts, "; "))
}

// FormatError reports an answer that could not be read.
type FormatError struct {
	URL    string
	Reason string
}

// Error implements the error interface.
func (e *FormatError) Error() string { return "open311: reading " + e.URL + ": " + e.Reason }

func (c *Client) format() string {
	if c.Format == "xml" {
		return "xml"
	}
	return "json"
}

func (c *Client) http() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: 60 * time.Second}
}

func (c *Client) url(path string, q url.Values) string {
	if q == nil {
		q = url.Values{}
	}
	if c.Jurisdiction != "" {
		q.Set("jurisdiction_id", c.Jurisdiction)
	}
	u := strings.TrimRight(c.BaseURL, "/") + "/" + path + "." + c.format()
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// do sends req and decodes the answer into jsonDst or xmlDst.
func (c *Client) do(req *http.Request, jsonDst, xmlDst any) error {
	resp, err := c.http().Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	limit := c.MaxBody
	if limit <= 0 {
		limit = 32 << 20
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return err
	}
	where := req.URL.Redacted()
	if int64(len(body)) > limit {
		return &FormatError{URL: where, Reason: fmt.Sprintf("answer larger than %d bytes", limit)}
	}
	if resp.StatusCode/100 != 2 {
		re := &RemoteError{Status: resp.StatusCode}
		var errs xmlErrors
		if c.format() == "json" {
			_ = json.Unmarshal(body, &re.Errors)
		} else if xml.Unmarshal(body, &errs) == nil {
			re.Errors = errs.Errors
		}
		return re
	}
	if c.format() == "xml" {
		if err := xml.Unmarshal(body, xmlDst); err != nil {
			return &FormatError{URL: where, Reason: err.Error()}
		}
		return nil
	}
	if !json.Valid(body) {
		if c.Strict {
			return &FormatError{URL: where, Reason: "not valid JSON (numbers with leading zeros? read without Strict to accept them)"}
		}
		body = QuoteLeadingZeros(body)
	}
	if err := json.Unmarshal(body, jsonDst); err != nil {
		return &FormatError{URL: where, Reason: err.Error()}
	}
	return nil
}

func (c *Client) get(ctx context.Context, path string, q url.Values, jsonDst, xmlDst any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.url(path, q), nil)
	if err != nil {
		return err
	}
	return c.do(req, jsonDst, xmlDst)
}

// Services lists the endpoint's services.
func (c *Client) Services(ctx context.Context) ([]Service, error) {
	var list []Service
	var doc xmlServices
	if err := c.get(ctx, "services", nil, &list, &doc); err != nil {
		return nil, err
	}
	if c.format() == "xml" {
		list = doc.Services
	}
	return list, nil
}

// Discovery returns the endpoint's service discovery document, read from
// BaseURL + "/discovery".
func (c *Client) Discovery(ctx context.Context) (Discovery, error) {
	var d Discovery
	err := c.get(ctx, "discovery", nil, &d, &d)
	return d, err
}

// Token exchanges a token from Post for the request's id.
func (c *Client) Token(ctx context.Context, token string) (TokenAnswer, error) {
	var list []TokenAnswer
	var doc xmlTokens
	if err := c.get(ctx, "tokens/"+url.PathEscape(token), nil, &list, &doc); err != nil {
		return TokenAnswer{}, err
	}
	if c.format() == "xml" {
		list = doc.Requests
	}
	if len(list) == 0 {
		return TokenAnswer{}, &RemoteError{Status: http.StatusNotFound, Errors: []APIError{{Code: 404, Description: "empty answer"}}}
	}
	return list[0], nil
}

// Definition returns a service's definition.
func (c *Client) Definition(ctx context.Context, code string) (ServiceDefinition, error) {
	var def ServiceDefinition
	err := c.get(ctx, "services/"+url.PathEscape(code), nil, &def, &def)
	return def, err
}

// Request returns one request.
func (c *Client) Request(ctx context.Context, id string) (ServiceRequest, error) {
	list, err := c.requests(ctx, "requests/"+url.PathEscape(id), nil)
	if err != nil {
		return ServiceRequest{}, err
	}
	if len(list) == 0 {
		return ServiceRequest{}, &RemoteError{Status: http.StatusNotFound, Errors: []APIError{{Code: 404, Description: "empty answer"}}}
	}
	return list[0], nil
}

// Requests runs one GET /requests with the given parameters
// (service_request_id, service_code, start_date, end_date, status).
func (c *Client) Requests(ctx context.Context, q url.Values) ([]ServiceRequest, error) {
	return c.requests(ctx, "requests", q)
}

func (c *Client) requests(ctx context.Context, path string, q url.Values) ([]ServiceRequest, error) {
	var list []ServiceRequest
	var doc xmlRequests
	if err := c.get(ctx, path, q, &list, &doc); err != nil {
		return nil, err
	}
	if c.format() == "xml" {
		list = doc.Requests
	}
	return list, nil
}

// Post opens a request: form holds the GeoReport parameters (service_code,
// lat, long, description, ...); the api_key is added. key, if not empty,
// is sent as the Idempotency-Key, so that a retry does not open a second
// request on servers that honour it.
func (c *Client) Post(ctx context.Context, form url.Values, key string) (Created, error) {
	form = cloneValues(form)
	if c.APIKey != "" {
		form.Set("api_key", c.APIKey)
	}
	if c.Jurisdiction != "" {
		form.Set("jurisdiction_id", c.Jurisdiction)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url("requests", url.Values{}), strings.NewReader(form.Encode()))
	if err != nil {
		return Created{}, err
	}
	req.URL.RawQuery = ""
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if key != "" {
		req.Header.Set(IdempotencyHeader, key)
	}
	var list []Created
	var doc xmlCreated
	if err := c.do(req, &list, &doc); err != nil {
		return Created{}, err
	}
	if c.format() == "xml" {
		list = doc.Requests
	}
	if len(list) == 0 {
		return Created{}, &FormatError{URL: req.URL.Redacted(), Reason: "empty answer to POST"}
	}
	return list[0], nil
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// ErrWindowTooFull is returned by Each when one second holds more requests
// than the endpoint answers for one query.
var ErrWindowTooFull = errors.New("open311: more requests in one second than the endpoint answers at once")

// Each calls fn for every request the endpoint has with a
// requested_datetime in [from, to], each once, oldest window first. It
// queries windows of at most 90 days and halves a window whose answer is
// full (PageLimit entries), so nothing is lost to the endpoint's cap.
func (c *Client) Each(ctx context.Context, from, to time.Time, fn func(ServiceRequest) error) error {
	limit := c.PageLimit
	if limit <= 0 {
		limit = 1000
	}
	seen := map[Text]bool{}
	var walk func(a, b time.Time) error
	walk = func(a, b time.Time) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		q := url.Values{"start_date": {a.Format(time.RFC3339)}, "end_date": {b.Format(time.RFC3339)}}
		list, err := c.Requests(ctx, q)
		if err != nil {
			return err
		}
		if len(list) >= limit {
			if b.Sub(a) <= time.Second {
				return ErrWindowTooFull
			}
			mid := a.Add(b.Sub(a) / 2).Truncate(time.Second)
			if !mid.After(a) {
				mid = a.Add(time.Second)
			}
			if err := walk(a, mid); err != nil {
				return err
			}
			return walk(mid, b)
		}
		// Oldest first within the window, whatever order the endpoint used.
		for i := len(list) - 1; i >= 0; i-- {
			sr := list[i]
			if seen[sr.ID] {
				continue // on a window boundary: already seen
			}
			seen[sr.ID] = true
			if err := fn(sr); err != nil {
				return err
			}
		}
		return nil
	}
	for a := from; !a.After(to); {
		b := a.Add(maxWindow)
		if b.After(to) {
			b = to
		}
		if err := walk(a, b); err != nil {
			return err
		}
		if b.Equal(to) {
			break
		}
		a = b
	}
	return nil
}

// QuoteLeadingZeros rewrites JSON numbers written with leading zeros (such
// as the specification's "service_code":006), which JSON forbids, as
// strings, so that codes keep their zeros. Everything else, including the
// inside of strings, is left as it is.
func QuoteLeadingZeros(b []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(b) + 16)
	inString := false
	for i := 0; i < len(b); i++ {
		ch := b[i]
		if inString {
			out.WriteByte(ch)
			switch ch {
			case '\\':
				if i+1 < len(b) {
					i++
					out.WriteByte(b[i])
				}
			case '"':
				inString = false
			}
			continue
		}
		if ch == '"' {
			inString = true
			out.WriteByte(ch)
			continue
		}
		prevOK := i == 0 || strings.IndexByte(":[, \t\r\n", b[i-1]) >= 0
		if ch == '0' && prevOK && i+1 < len(b) && b[i+1] >= '0' && b[i+1] <= '9' {
			j := i
			for j < len(b) && b[j] >= '0' && b[j] <= '9' {
				j++
			}
			out.WriteByte('"')
			out.Write(b[i:j])
			out.WriteByte('"')
			i = j - 1
			continue
		}
		out.WriteByte(ch)
	}
	return out.Bytes()
}
