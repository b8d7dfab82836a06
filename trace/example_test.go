package trace_test

import (
	"context"
	"fmt"
	"time"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/agenda/agendatest"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/trace"
)

// ExampleBack follows a project back to the tickets that raised it, and
// ticket t-1 forward to the project.
func ExampleBack() {
	ctx := context.Background()
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	tickets, topics, projects := ticket.NewMemStore(), agenda.NewMemStore(), project.NewMemStore()
	for _, id := range []ticket.ID{"t-1", "t-2"} {
		_, _, _ = tickets.CreateTicket(ctx, ticket.Ticket{ID: id, ReceivedAt: at, Location: "b3", Channel: ticket.ScanCode, Text: "e-bikes charged in the hallway"})
	}
	_, _ = topics.PutTopic(ctx, agendatest.FullTopic("ebike")) // cites t-1 and t-2; resolution r-ebike
	_, _ = projects.PutProject(ctx, project.Project{ID: "shed", Title: "charging shed", Grid: "b3", Status: project.Accepted,
		Origin: project.FromResolution, Topic: "ebike", Resolution: "r-ebike", Year: 2026})

	src := trace.Sources{Tickets: tickets, Agenda: topics, Projects: projects}
	c, err := trace.Back(ctx, src, "shed")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s <- %s <- %s <- %d tickets\n", c.Project.ID, c.Resolution.ID, c.Topic.ID, len(c.Tickets))
	f, _ := trace.From(ctx, src, "t-1")
	fmt.Printf("%s -> %s -> %s\n", f.Ticket.ID, f.Topics[0].ID, f.Projects[0].ID)
	// Output:
	// shed <- r-ebike <- ebike <- 2 tickets
	// t-1 -> ebike -> shed
}
