package schematest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/internal/cputime"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/trace"
)

// BenchmarkTraceFrom measures trace.From on 2,000 topics and 2,000
// projects, each citing two of 1,000 tickets, through the link tables'
// indexes (TopicsCiting, ProjectsCiting) and by streaming every record
// (the stores with their optional interfaces hidden).
func BenchmarkTraceFrom(b *testing.B, h Harness) {
	ctx := context.Background()
	_, s := seeded(b, h, true)
	const nTickets, n = 1000, 2000
	for i := range nTickets {
		if _, _, err := s.Tickets.CreateTicket(ctx, ticket.Ticket{ID: ticket.ID(fmt.Sprintf("k-%04d", i)), ReceivedAt: time.Unix(0, 0), Location: "b1"}); err != nil {
			b.Fatal(err)
		}
	}
	for i := range n {
		tid := agenda.TopicID(fmt.Sprintf("topic-%04d", i))
		k1, k2 := ticket.ID(fmt.Sprintf("k-%04d", i%nTickets)), ticket.ID(fmt.Sprintf("k-%04d", (i*7+3)%nTickets))
		if _, err := s.Agenda.PutTopic(ctx, citingTopic(tid, k1, k2)); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Projects.PutProject(ctx, citingProject(project.ID(fmt.Sprintf("p-%04d", i)), tid, k2)); err != nil {
			b.Fatal(err)
		}
	}
	for _, indexed := range []bool{true, false} {
		b.Run(fmt.Sprint("indexed=", indexed), func(b *testing.B) {
			src := sources(s, indexed)
			cpu := cputime.Report(b)
			b.ResetTimer()
			for i := range b.N {
				f, err := trace.From(ctx, src, ticket.ID(fmt.Sprintf("k-%04d", i%nTickets)))
				if err != nil || len(f.Topics) == 0 {
					b.Fatalf("From: %d topics, %v", len(f.Topics), err)
				}
			}
			cpu()
		})
	}
}
