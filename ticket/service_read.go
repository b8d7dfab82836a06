package ticket

import (
	"context"
	"iter"
	"time"
)

// Config returns the configuration the service applies (category tree, SLA
// policy, calendars), for front ends that show services and deadlines.
func (s *Service) Config() Config { return s.opts.Config }

// Now returns the service's clock reading: the instant it would stamp on an
// event received now. It fails if no clock is configured.
func (s *Service) Now() (time.Time, error) { return s.clock() }

// List yields the tickets that f selects, in ID order, as viewer may see
// them (contact masked for roles that do not need it). Errors are yielded
// once, last.
func (s *Service) List(ctx context.Context, f Filter, viewer Role) iter.Seq2[Ticket, error] {
	return func(yield func(Ticket, error) bool) {
		for t, err := range s.store.Tickets(ctx, f) {
			if err != nil {
				yield(Ticket{}, err)
				return
			}
			if !yield(t.View(viewer), nil) {
				return
			}
		}
	}
}
