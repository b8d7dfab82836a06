// Command open311 serves the Open311 GeoReport v2 API over a gongzhi ticket
// service: a demo community grid (大兴区 天宫院街道 天宫院中里社区, the
// "one building, one code" community of the Daxing report), the community
// category tree, the Beijing SLA figures (labelled illustrative in the
// ticket package) on China's working-day calendar, and the API key "demo".
// Requests live in memory, or with -db FILE.sqlite (or -pg URL) in that
// file or database, where a later run finds them (the grid, categories and
// keys are built the same every run).
//
//	go run ./examples/open311                     # serve on 127.0.0.1:8311
//	go run ./examples/open311 -db office.sqlite   # the requests outlive the server
//	curl 'http://127.0.0.1:8311/services.json'
//	curl -d api_key=demo -d service_code=order.noise -d address_id=tgyzl-b1-u1 \
//	     -d description='夜间施工噪音' 'http://127.0.0.1:8311/requests.json'
//	curl 'http://127.0.0.1:8311/requests.json?status=open'
//
// With -once it starts the server on a free loopback port, plays a short
// client session against it (list services, post two requests, one of them
// retried, read them back in JSON and XML, resolve one, import everything
// into a second service), prints what it saw and exits. That run uses a
// fixed clock (2026-06-10 09:30 Beijing time), so its output is the same
// every time; the served mode uses the wall clock. With -db or -pg a second
// -once run continues from the file: its retried POSTs find the stored
// requests (the Idempotency-Key, and the same server clock for a request
// without one), the steward's steps already recorded are not repeated,
// and it prints the same session plus one line saying what it read back.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"time"

	"github.com/gongzhi/gongzhi/examples/internal/storage"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/ticket/open311"
	"github.com/gongzhi/gongzhi/ticket/open311/open311test"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8311", "loopback address to listen on")
	once := flag.Bool("once", false, "play a client session against the server on a free port, print it and exit")
	flag.Parse()
	stores := storage.Open(context.Background()) // -db FILE.sqlite or -pg URL keeps the requests
	var err error
	if *once {
		err = session(stores)
	} else {
		err = serve(*addr, stores)
	}
	stores.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, "open311:", err)
		os.Exit(1)
	}
}

func serve(addr string, stores *storage.Stores) error {
	d, err := open311test.NewDemoOn(time.Now, stores.Ticket())
	if err != nil {
		return err
	}
	srv := &http.Server{Addr: addr, Handler: d.Handler, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	log.Printf("GeoReport v2 on http://%s (api_key=demo); try /services.json", addr)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// session plays a client against a server on a free loopback port.
func session(stores *storage.Stores) error {
	cst := time.FixedZone("CST", 8*3600)
	now := time.Date(2026, 6, 10, 9, 30, 0, 0, cst)
	clock := func() time.Time { return now }
	d, err := open311test.NewDemoOn(clock, stores.Ticket())
	if err != nil {
		return err
	}
	ctx := context.Background()
	stored := 0
	for _, err := range d.Store.Tickets(ctx, ticket.Filter{}) {
		if err != nil {
			return err
		}
		stored++
	}
	stores.ReadBack("request", stored) // an earlier run's: its POSTs below are retries
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: d.Handler, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	c := &open311.Client{BaseURL: base, APIKey: open311test.DemoKey}

	svcs, err := c.Services(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("GET /services.json: %d services, e.g. %s %q (metadata %v)\n", len(svcs), svcs[1].Code, svcs[1].Name, svcs[1].Metadata)

	fmt.Println("\nPOST /requests.json (resident scans the code on 1号楼1单元):")
	door := d.Doors[0]
	form := url.Values{"service_code": {"housing.hallway"}, "address_id": {d.Codes[door]},
		"description": {"楼道里堆满了纸箱 (illustrative)"}, "first_name": {"莹"}, "last_name": {"张"}, "phone": {"13800001234"}}
	cr, err := c.Post(ctx, form, "scan-0001")
	if err != nil {
		return err
	}
	fmt.Printf("  service_request_id %s, expected_datetime %s\n", cr.ID, cr.Expected)
	now = now.Add(3 * time.Second)
	again, err := c.Post(ctx, form, "scan-0001")
	if err != nil {
		return err
	}
	fmt.Printf("  retried with the same Idempotency-Key: %s (same request: %v)\n", again.ID, again.ID == cr.ID)

	now = now.Add(10 * time.Minute)
	lift, err := c.Post(ctx, url.Values{"service_code": {"housing.elevator"}, "address_id": {string(d.Doors[5])},
		"description": {"电梯停在6楼不动 (illustrative)"}, "attribute[stuck]": {"no"}}, "")
	if err != nil {
		return err
	}
	fmt.Printf("  elevator request %s, expected_datetime %s\n", lift.ID, lift.Expected)
	_, err = (&open311.Client{BaseURL: base, APIKey: "guess"}).Post(ctx, form, "")
	fmt.Println("  with api_key=guess:", err)

	// The building steward accepts, starts and resolves the hallway
	// request, an hour apart; a step recorded by an earlier run is not
	// repeated.
	tk, err := d.Service.Get(ctx, ticket.ID(cr.ID), ticket.HotlineRole)
	if err != nil {
		return err
	}
	staff := ticket.Actor{ID: "steward", Role: ticket.UnitRole, Unit: tk.Lead.ID}
	for _, step := range []struct {
		kind ticket.EventKind
		from ticket.State
	}{{ticket.EvAccept, ticket.Dispatched}, {ticket.EvStart, ticket.Accepted}, {ticket.EvResolve, ticket.InProgress}} {
		now = now.Add(time.Hour)
		if tk.State != step.from {
			continue // done by an earlier run
		}
		if tk, err = d.Service.Act(ctx, tk.ID, ticket.Event{Kind: step.kind, Actor: staff, Note: "纸箱已清理 (illustrative)"}); err != nil {
			return err
		}
	}

	now = now.Add(20 * time.Hour)
	all, err := c.Requests(ctx, url.Values{})
	if err != nil {
		return err
	}
	fmt.Printf("\nGET /requests.json: %d requests\n", len(all))
	for _, r := range all {
		fmt.Printf("  %s %s: %s; agency %s; due %s\n    at %s\n", r.ID, r.ServiceName, r.Status, r.AgencyResponsible, r.Expected, r.Address)
	}
	second, err := c.Requests(ctx, url.Values{"page_size": {"1"}, "page": {"2"}})
	if err != nil {
		return err
	}
	fmt.Printf("GET /requests.json?page_size=1&page=2 (the second newest): %s\n", second[0].ID)
	x := &open311.Client{BaseURL: base, Format: "xml"}
	r, err := x.Request(ctx, string(cr.ID))
	if err != nil {
		return err
	}
	fmt.Printf("\nGET /requests/%s.xml: status %s (%s), updated %s\n", r.ID, r.Status, r.StatusNotes, r.Updated)

	// A second district service mirrors this one.
	mirror, err := open311test.NewDemo(clock)
	if err != nil {
		return err
	}
	codes := map[string]ticket.CategoryID{}
	for _, s := range svcs {
		codes[string(s.Code)] = ticket.CategoryID(s.Code)
	}
	im := &open311.Importer{Service: mirror.Service, Store: mirror.Store, Prefix: "tgy", Categories: codes}
	for run := 1; run <= 2; run++ {
		st, err := im.Import(ctx, x, now.Add(-48*time.Hour), now)
		if err != nil {
			return err
		}
		fmt.Printf("\nimport run %d into a mirror: seen %d, created %d, updated %d, unchanged %d, skipped %d\n",
			run, st.Seen, st.Created, st.Updated, st.Unchanged, len(st.Skipped))
	}
	stores.PrintReadBack() // one line, on a run that found requests of an earlier one
	return nil
}
