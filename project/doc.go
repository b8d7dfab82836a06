// Package project manages practical projects (实事项目) for residents:
// the pool of candidates (项目库), their lifecycle from proposal to
// acceptance (验收) and review, the yearly plan chosen under budget caps
// with the rest rolled into next year (滚动实施), the budget ledger, and
// exact cost sharing among households (出资比例).
//
// # Cost sharing
//
// Split divides a cost among households by a SharingRule: equal shares,
// by exclusive area (the default of Civil Code art. 283, and the zero
// value of SharingRule), by floor coefficients (lift retrofits; the
// GuangzhouElevator preset is a labelled illustrative table), or a
// weighted mix, with exemptions and caps. Shares are computed exactly
// with integers and rounded to the fen by the largest-remainder rule (ties
// by household id), so they sum exactly to the cost and do not depend on
// the order of the households. ParseSharingRule and ReadHouseholds load
// rules (JSON) and households (CSV) strictly.
//
// # Lifecycle
//
// A Project moves proposed > screened > shortlisted > voted > planned >
// in progress > completed > accepted > reviewed > closed, may be deferred
// back to the pool or cancelled with a reason, and goes back from
// completed to in progress when an acceptance fails (rectification).
// Advance applies one Step and returns a *TransitionError, changing
// nothing, when the step is not allowed. Roll moves a pool project into a
// later year. OutcomeFrom and ReviewFrom read vote and satisfaction
// results from package vote. ReadProjects imports a pool from CSV.
//
// Milestones have a due instant, given or computed as a time limit
// (Milestone.Limit, e.g. 30 working days) on Options.Calendar; a computed
// one that rests on a year without a loaded holiday notice is provisional,
// and Service.Rebase recomputes it once the notice is loaded, recording the
// move in the project's history.
//
// # Yearly plan
//
// Choose picks the year's projects under a PlanRule (total budget,
// target count, caps per grid node or category): by vote results, by an
// explicit ranking, or by manual choices with recorded reasons.
// ChooseByPB ranks with a participatory-budgeting rule from vote/pb
// (greedy or the Method of Equal Shares). Every candidate gets a Decision
// saying why it is in or out; Plan.Out lists the projects to roll over.
//
// # Budget
//
// A Ledger replays an append-only list of Entry values: funding sources
// with caps, allocations per project, recorded changes and spending. It
// refuses any entry that would over-allocate a source or overspend an
// allocation (a *BudgetError) and reports per source, per project and,
// with Places (a *grid.View), per grid level. All figures are integer fen.
//
// # Lift decisions
//
// DecideElevator records the owners' lift decision (as reported by
// 怡海花园社区, 新村街道, Fengtai): the owners adopt the funding plan and
// per-floor ratios by the double majority of the art. 278 matter the
// decision really is (ElevatorDecision.Matter: replacing worn lifts from
// the maintenance fund is item 5, an ordinary matter; a new levy item 6; a
// new lift retrofit item 7), a 3-person owner group represents the
// building, and the decision is filed with the body FiledWith names; ElevatorDecision.Bill gives each household's
// share of the owners' part.
//
// # Service and Store
//
// Service runs the workflow over a Store (MemStore is the in-memory
// default; project/projecttest is the conformance suite for adapters) with
// an injected clock: Propose, Advance, DrawPlan, AdoptPlan, Record,
// Report. Writes use optimistic concurrency and retry on ErrConflict.
package project
