// Package gongzhi (共治, "co-governance") is a software development kit of
// civic-governance primitives, modelled on the procedures by which Beijing's
// communities govern themselves. This package holds only documentation; the
// functionality lives in the packages below.
//
// # Packages
//
//   - [github.com/gongzhi/gongzhi/vote]: voting rules as data and their
//     exact tallies (limited approval with a support rate and priorities,
//     satisfaction votes, the owners' double majority of Civil Code art. 278,
//     committee elections with runoffs, motions), and ballot boxes with
//     one-voter-one-ballot, secret polls and audit digests.
//   - [github.com/gongzhi/gongzhi/vote/ranked], [github.com/gongzhi/gongzhi/vote/pb]
//     and [github.com/gongzhi/gongzhi/vote/ballotfile]: ranked methods (IRV,
//     STV, Condorcet family, Borda, score), participatory budgeting (greedy,
//     Method of Equal Shares) and decoders for real ballot files.
//   - [github.com/gongzhi/gongzhi/grid]: the hierarchy of places, district >
//     subdistrict > community > grid > building > unit > household, with
//     codes, history, responsible staff, roll-ups and signed building codes.
//   - [github.com/gongzhi/gongzhi/calendar]: working days and hours with
//     China's statutory holidays and make-up working days, and natural-day
//     periods as the Civil Code counts them.
//   - [github.com/gongzhi/gongzhi/ticket]: resident requests from the 12345
//     hotline, building codes and grid patrols: routing, dispatch, SLA
//     clocks on the calendar, extensions, summons and the three rates.
//   - [github.com/gongzhi/gongzhi/agenda]: the deliberation cycle 集·议·办·督·评
//     (collect, deliberate, execute, supervise, evaluate): topics, meetings
//     with quorum, inquiries, motions, resolutions and their publicity.
//   - [github.com/gongzhi/gongzhi/project]: practical projects from the pool
//     to acceptance and review, with budgets and exact cost sharing.
//
// # How they fit together
//
// grid, calendar and vote depend on nothing else in the module. ticket
// builds on grid and calendar; agenda on vote, grid and calendar; project on
// vote and grid. Flows across domains (complaints that become a topic, a
// resolution that becomes a project) are joined by ids, never by imports
// upward. Every domain package has the same shape: rules as JSON-friendly
// data with presets that cite their sources, pure functions that decide and
// explain, a Service that enforces the workflow, and a small Store interface
// with an in-memory implementation and a conformance suite that adapters
// such as adapters/postgres run unchanged.
//
// # A sketch
//
// One matter crosses three packages: the grid says where it happens, the
// calendar says when the answer is due, and a vote decides what is done.
// The runnable version is this package's Example.
//
//	tree, _ := grid.NewTree(grid.DefaultHierarchy())
//	_ = tree.Apply(grid.Batch{ID: "init", At: t0, Changes: []grid.Change{
//		grid.Create("c1", "", grid.LevelCommunity, "110101001001", "社区甲"),
//		grid.Create("b1", "c1", grid.LevelBuilding, "1101010010010010001", "1号楼"),
//	}})
//	community, _ := tree.At(now).AncestorAt("b1", grid.LevelCommunity)
//
//	cal := calendar.China() // statutory holidays and make-up days
//	due, _ := cal.AddWorkingDays(received, 5)
//
//	poll := vote.Poll{ID: "2025", Rule: vote.ProjectPriorities(), Options: projects}
//	res, _ := vote.Tally(poll, ballots) // exact: "over 80%" of 46 needs 37
//	fmt.Println(res.Explain())
//
// The same shape repeats in ticket, agenda and project: a Service over a
// Store, with pure decision functions underneath.
package gongzhi
