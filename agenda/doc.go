// Package agenda runs community deliberation (议事协商) from topic to
// evaluation: the five stages 集·议·办·督·评 (Collect, Deliberate, Execute,
// Supervise, Evaluate) that Beijing communities follow, and the yearly
// obligations districts check them against.
//
// # Topics and their state machine
//
// A Topic (议题) is raised at a grid node by a resident, a representative or
// a grid worker, or derived from resident tickets (it cites their ids; agenda
// never imports the ticket package). It is screened (Accept, Merge into
// another topic, Reject with a reason, Refer elsewhere), scheduled into a
// meeting, resolved, posted for publicity (公示), executed, accepted (验收)
// and evaluated by the residents:
//
//	Raised ─accept→ Accepted ─schedule→ Scheduled ─resolve→ Publicity ─take-effect→ Executing
//	  │ merge/reject/refer    ↑ unschedule ┘  ↑ send-back ┘                          │ complete
//	  ↓                       └──────────── send-back ── Evaluating ←accept-work─ Supervising
//	Merged/Rejected/Referred                                │ close-solved  (reject-work → Executing)
//	                                                        ↓
//	                                                      Solved
//
// DeriveTopics drafts topics from repeated complaints (at least Min tickets of
// one category at one place within a window; ReadTicketRefs imports the refs
// as JSON Lines), so that a class of problem is deliberated, not each case.
//
// Next is the whole machine as a pure function; an illegal action returns a
// *TransitionError (ErrIllegalTransition) and changes nothing.
//
// # Meetings, quorum, inquiries and motions
//
// A Meeting has a kind from the Policy (居民议事会, 听证会, 协调会 ...), a notice
// that must be posted a number of days before (computed with a Calendar such
// as calendar.China()), participants with roles, attendance, and a quorum
// expressed as a vote.Ratio of the representatives invited. Inquiries (质询)
// are put by a named representative to a named official or unit and keep the
// answer, who gave it and whether the asker was satisfied; unanswered ones
// are listed by Service.Unanswered and raise warnings. Motions are voted
// yes/no/abstain or by limited approval among alternatives (as at the Shuangjing subdistrict (Chaoyang) annual co-governance meeting of 2021-12-30: 5
// votes among 6 projects, support over 80%, two priorities); Tally explains
// the result with exact counts, and without quorum nothing passes and the
// result says why.
//
// # Resolutions and publicity
//
// Service.Resolve turns a passed motion of a quorate, duly noticed meeting
// into a Resolution, posted for the policy's publicity period; residents may
// Object during it, and upheld objections SendBack the topic to
// deliberation. After the period the resolution TakeEffect.
//
// Notice and publicity periods are calendar.Period values in natural or
// working days ({"n": 7, "unit": "natural_days"}; LastDay, LatestNotice).
// Every day is cut in the calendar's zone (ZoneOf, Asia/Shanghai by
// default), whatever the zone of the Service's clock: on a server running
// in UTC an objection at 10:00 Beijing time on the last day of publicity is
// still in time. A notice or publicity day computed from a year whose
// holiday notice is not loaded is flagged provisional
// (Meeting.NoticeProvisional, Resolution.PublicityProvisional);
// Service.Rebase recomputes those once the notice is loaded and records
// each move.
//
// # Execution, supervision and evaluation
//
// Tasks with deadlines are assigned to responsible units, directly or from
// the grid's assignments (AssignFromGrid walks a *grid.View to the nearest
// responsible property company, grid worker...); progress is reported;
// overdue tasks and departments that ignore a summons (吹哨报到) raise
// Warnings. Warnings are computed from the dated records, so
// Service.WarningsAt tells, from the same store, what supervisors saw at
// any past instant: the warnings Warnings gave then (TopicWarnings and
// MeetingWarnings are the pure parts, one computation for both). Complete
// hands the work to acceptance (验收); the residents'
// satisfaction vote (CountSatisfaction counts their answers through vote's
// satisfaction rule, Evaluate applies the policy's ratio) closes the topic
// as solved or sends it back. The practical projects a resolution creates
// cite it (project.Project.Resolution); package trace follows the chain
// from the tickets to the accepted project and back.
//
// # Yearly obligations
//
// Obligations (e.g. Chaoyang: at least 12 meetings and 3 solved topics per
// community per year) are checked by Compliance at any day of the year, per
// community and rolled up every ancestor of a grid Tree, with the pro-rata
// pace that says who is behind and by how much.
//
// # Storage
//
// A Service persists through a small Store of versioned topics and meetings;
// MemStore is the in-memory default, and agenda/agendatest checks any Store.
package agenda
