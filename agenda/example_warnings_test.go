package agenda_test

import (
	"context"
	"fmt"
	"time"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/calendar"
)

// A subdistrict summons three departments on 03-16, due 03-20. Fire
// reports at once, housing only on 03-25. Asked on 03-26, the service
// sees no warning; asked for 03-23, it tells from the same records what
// supervisors saw that day, as Warnings did then.
func ExampleService_WarningsAt() {
	ctx := context.Background()
	cst := time.FixedZone("CST", 8*3600)
	now := time.Date(2026, 3, 16, 9, 0, 0, 0, cst)
	s, _ := agenda.NewService(agenda.NewMemStore(), &agenda.Options{Now: func() time.Time { return now }, Calendar: calendar.China()})
	_, _ = s.Raise(ctx, agenda.Topic{ID: "ebike", Grid: "anwai", Title: "E-bike charging", Category: "ebike-charging",
		Source: agenda.Source{Origin: agenda.FromRepresentative, By: "rep-li"}})
	_, _ = s.Screen(ctx, "ebike", agenda.Screening{Decision: agenda.Accept})
	_, _ = s.Summon(ctx, "ebike", agenda.Summons{ID: "whistle-1", By: "anzhen", ByLevel: "subdistrict", Reason: "charging shed",
		Departments: []string{"fire", "housing"}, Due: time.Date(2026, 3, 20, 0, 0, 0, 0, cst)})
	_, _ = s.CheckIn(ctx, "ebike", "whistle-1", "fire")
	now = time.Date(2026, 3, 25, 10, 0, 0, 0, cst)
	_, _ = s.CheckIn(ctx, "ebike", "whistle-1", "housing")

	now = time.Date(2026, 3, 26, 9, 0, 0, 0, cst)
	live, _ := s.Warnings(ctx)
	fmt.Println("on 03-26:", len(live), "warnings")
	past, _ := s.WarningsAt(ctx, time.Date(2026, 3, 23, 9, 0, 0, 0, cst))
	for _, w := range past {
		fmt.Printf("on 03-23: %s (%d days late)\n", w.Message, w.Days)
	}
	_, err := s.WarningsAt(ctx, time.Time{})
	fmt.Println(err)
	// Output:
	// on 03-26: 0 warnings
	// on 03-23: department housing has not reported to summons whistle-1, due 2026-03-20 (3 days late)
	// agenda: invalid at: zero time: name the instant the warnings are asked for
}
