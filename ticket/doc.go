// Package ticket handles residents' requests (诉求 / 工单) the way Beijing's
// respond-on-receipt regime (接诉即办, 北京市接诉即办工作条例 2021) describes
// them: intake from several channels, routing to a handling unit, a
// lifecycle with objections, extensions, pauses, summons and callbacks,
// working-day SLA clocks, and the three rates used to assess units.
//
// # Tickets
//
// A Ticket has a Channel (12345 hotline, scan-to-report building code,
// grid patrol, group chat, walk-in), one of the five kinds of art. 2
// (consultation, help, complaint, report, suggestion), a category from a
// configurable tree (Categories), an Urgency, a location (a grid.ID) and
// the requester's Contact, which Ticket.View masks for roles that do not
// need it. NewTicket opens one from an Intake; ScanIntake fills an intake
// from a signed building code (grid.Keyring).
//
// # Lifecycle
//
// Apply is a pure function: Apply(cfg, ticket, event) returns a new ticket
// or a typed error and changes nothing. The states are
//
//	received -> dispatched -> accepted -> in_progress -> resolved -> called_back -> closed
//
// plus objection and re-dispatch (派单异议, art. 12), escalation to a
// higher-level unit (art. 20), pause while waiting
// for the resident, extensions (延期, the resident and the hotline are
// notified, art. 15), reopening when the resident is dissatisfied, merged
// duplicates (Merge), and the art. 11 outcomes that end a ticket without
// dispatch (answered on the spot, transferred to 110/119/120/122, legal
// channel, duplicate informed, privacy, out of scope, refused). The first
// receiving unit leads (首接负责制, art. 14) and may add co-units; a
// subdistrict may summon departments (吹哨报到, art. 16), each with its own
// report deadline, and StatusAt shows who has and has not reported. Only
// the assigned unit may act for a unit; roles are checked on every event,
// and a Service can also check people against grid assignments
// (GridDirectory).
//
// The hotline calls the requester back (回访, art. 23) when the unit
// reports the ticket resolved, or when its time limit expires, resolved or
// not: Ticket.CallbackDue says when, Service.CallbacksDue lists the
// callbacks owed. Pauses need a reason from the SLA rule's list, count
// toward its caps, end by themselves, and long ones need the hotline's
// approval (PauseRule); only the lead unit or a supervisor resumes.
//
// # SLA clocks
//
// The regulation only requires every dispatch to carry a deadline (art.
// 13), so limits are data: a Policy of Rules per category and urgency, with
// limits as calendar.Period values in working hours, working days, natural
// days (Civil Code counting) or hours. Presets: NationalPetition (verified:
// 信访工作条例 arts. 22, 23, 34), Shandong (5 working days, one extension of
// at most 10, return within 2; secondary report) and BeijingIllustrative
// (the commonly quoted 2 h / 24 h / 7 days / 15 days, unverified, the rest
// illustrative). Each preset labels every figure in Policy.Citations with
// its source and Grade (verified, secondary, unverified, illustrative). A Clock measures elapsed time on its calendar, pauses
// excluded; it is breached exactly when the elapsed time exceeds its budget
// (limit plus approved extensions), and warns once a configured share of
// the budget is spent. Clocks carry precomputed instants, so StatusAt and
// Worst need no calendar arithmetic.
//
// A clock whose deadline rests on a year whose holiday notice the calendar
// has not loaded (calendar.China() derives those years from the statutory
// days) is Provisional, with the reason. Once the notice is loaded
// (calendar.Calendar.Extend), Rebase or Service.Rebase, run with the
// extended calendar, moves the open provisional deadlines and records each
// move as an EvRebase event ("resolution deadline moved from X to Y: 2028
// notice loaded"); a deadline already passed or met never moves. The
// Service stamps instants in the working calendar's zone.
//
// # Routing
//
// A Routing table maps category, urgency, kind and place to a handling
// unit: a fixed unit (a department) or the place-bound unit at a level
// above the ticket's location (PlaceUnit). SmallMattersInBuilding is the
// "small matters stay in the building, big ones in the community" preset;
// the share of tickets resolved at each level measures it.
//
// # Metrics
//
// FactAt reduces a ticket to a Fact as of an instant; Tally counts facts;
// Tally.Score gives the three rates of art. 32 (response, resolution,
// satisfaction) as exact Rate values and a weighted composite. Art. 32
// names the rates but gives no formulas: the formulas are working
// definitions, labelled as such in Scorecard.Definition. Overdue tickets
// never called back count in the resolution and satisfaction bases as
// neither solved nor satisfied (Weights.RatedOnly restores the old,
// called-back-only base). Weights presets: Jungar 30/35/35 with its source
// named, EqualThirds. ByUnit, ByPeriod, RollUp (any
// Places) and RollUpView (a grid.View, for large grids) group them; Volume
// and Change give volume trends.
//
// # Storage and service
//
// Store is a small ctx-first interface with versioned records and
// idempotent intake; MemStore is the in-memory default and
// ticket/tickettest is the conformance suite every adapter runs. Service
// ties it together with an injected clock (Options.Now), routing,
// authorization and notification hooks. The Service stamps every intake
// and event with its own clock and checks authority at that instant: a
// caller cannot back-date an event to a time when it was still assigned,
// nor forward-date one to lock others out. Export and Import move tickets
// as replayable records; Service.Import is the explicit path for history,
// checking the order of events and each person's authority as of each
// event.
package ticket
