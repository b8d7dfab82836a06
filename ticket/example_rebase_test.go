package ticket_test

import (
	"fmt"
	"strings"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/ticket"
)

// A ticket dispatched in late December 2027 runs into 2028, whose holiday
// notice is not loaded yet: its deadline is provisional. When the notice
// is loaded, Rebase moves the deadline and records why.
func ExampleRebase() {
	p := ticket.Shandong()
	p.Rules[0].Resolution = calendar.Period{N: 25, Unit: calendar.WorkingDays}
	cfg := exampleConfig(p)
	tk, _ := ticket.NewTicket(cfg, ticket.Intake{ID: "12345-0002", Channel: ticket.Hotline, Kind: ticket.Complaint,
		Category: "housing.property", Location: "b1", Text: "lift out of order",
		Contact: ticket.Contact{Name: "张三", Phone: "13812345678"}, At: at("2027-12-20 09:00")})
	tk, _ = ticket.Apply(cfg, tk, ticket.Event{Kind: ticket.EvDispatch, At: at("2027-12-20 09:05"),
		Actor: ticket.Actor{ID: "op1", Role: ticket.HotlineRole}, Unit: ticket.Unit{ID: "c1", Level: ticket.CommunityLevel}})
	c, _ := tk.Clock(ticket.ResolutionClock)
	fmt.Println("due", c.Due.Format("2006-01-02 15:04"), "-", c.Provisional.Reason)

	// The 2028 notice (an example: 春节 from January 24 to 31).
	cal, _ := calendar.China().ExtendJSON(strings.NewReader(`{"year": 2028, "holidays": [
		{"name": "元旦", "from": "2028-01-01", "to": "2028-01-03"},
		{"name": "春节", "from": "2028-01-24", "to": "2028-01-31", "makeup": ["2028-02-05"]}]}`))
	cfg.Calendars.Working = cal
	tk, moves, _, _ := ticket.Rebase(cfg, tk, at("2027-12-22 10:00"))
	c, _ = tk.Clock(ticket.ResolutionClock)
	fmt.Println("due", c.Due.Format("2006-01-02 15:04"), "provisional:", c.Provisional != nil)
	fmt.Println(len(moves), tk.History[len(tk.History)-1].Note)
	// Output:
	// due 2028-01-31 17:30 - 2028 notice not loaded; statutory days only, no 调休
	// due 2028-02-02 17:30 provisional: false
	// 1 resolution deadline moved from 2028-01-31 17:30 to 2028-02-02 17:30: 2028 notice loaded
}
