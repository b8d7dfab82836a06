package agenda

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/grid"
)

// Places is the part of the place graph the compliance roll-up reads: the
// parent of a grid node as the grid stood at one instant ("" at a root,
// false for a node not in effect). A *grid.View satisfies it; take the view
// of the report's day (tree.At(day)) so that a report rolls up the grid of
// its day even after a redistricting.
type Places interface {
	Parent(id grid.ID) (grid.ID, bool)
}

var _ Places = (*grid.View)(nil)

// Held is a meeting as counted by the compliance report.
type Held struct {
	Grid    grid.ID   `json:"grid"` // the community or a node below it
	Kind    string    `json:"kind"`
	At      time.Time `json:"at"`
	Quorate bool      `json:"quorate"`
}

// Closure is a topic closed as solved, as counted by the compliance report.
type Closure struct {
	Grid grid.ID   `json:"grid"` // the community or a node below it
	At   time.Time `json:"at"`
}

// CommunityCompliance is one community's standing against its yearly
// obligations on a given day.
type CommunityCompliance struct {
	Community grid.ID `json:"community"`
	Meetings  int     `json:"meetings"` // counted meetings held so far this year
	Solved    int     `json:"solved"`   // topics solved so far this year
	// MeetingsDue and SolvedDue are the pro-rata targets at the report day:
	// ceil(yearly minimum × days elapsed / days in year).
	MeetingsDue int `json:"meetings_due"`
	SolvedDue   int `json:"solved_due"`
	// MeetingsBehind and SolvedBehind are how far the community is behind
	// the pro-rata target (0 if on pace).
	MeetingsBehind int `json:"meetings_behind"`
	SolvedBehind   int `json:"solved_behind"`
	// MeetingsLeft and SolvedLeft are what remains to reach the yearly
	// minimum.
	MeetingsLeft int  `json:"meetings_left"`
	SolvedLeft   int  `json:"solved_left"`
	Compliant    bool `json:"compliant"` // yearly minimums already met
	Behind       bool `json:"behind"`    // behind the pro-rata pace
}

// NodeCompliance rolls community figures up to a grid node: the node's own
// community, if it is one, and every community below it.
type NodeCompliance struct {
	Node           grid.ID `json:"node"`
	Communities    int     `json:"communities"`
	Compliant      int     `json:"compliant"`
	Behind         int     `json:"behind"`
	Meetings       int     `json:"meetings"`
	Solved         int     `json:"solved"`
	MeetingsBehind int     `json:"meetings_behind"`
	SolvedBehind   int     `json:"solved_behind"`
}

// ComplianceReport is the yearly obligations report at a given day, per
// community and rolled up the grid.
type ComplianceReport struct {
	Rule    Obligations `json:"rule"`
	Year    int         `json:"year"`
	Day     time.Time   `json:"day"`     // report day; records after it are ignored
	Elapsed int         `json:"elapsed"` // days of the year up to and including Day
	Days    int         `json:"days"`    // days in the year
	// Communities are sorted by id; Nodes (every community and ancestor)
	// too.
	Communities []CommunityCompliance `json:"communities"`
	Nodes       []NodeCompliance      `json:"nodes"`
	// Unplaced counts records of the year whose grid node is under no
	// listed community; they are not counted.
	Unplaced int `json:"unplaced"`
}

// Community returns the figures of one community.
func (r ComplianceReport) Community(id grid.ID) (CommunityCompliance, bool) {
	i, ok := slices.BinarySearchFunc(r.Communities, id, func(c CommunityCompliance, id grid.ID) int { return cmp.Compare(c.Community, id) })
	if !ok {
		return CommunityCompliance{}, false
	}
	return r.Communities[i], true
}

// Node returns the rolled-up figures of a node.
func (r ComplianceReport) Node(id grid.ID) (NodeCompliance, bool) {
	i, ok := slices.BinarySearchFunc(r.Nodes, id, func(c NodeCompliance, id grid.ID) int { return cmp.Compare(c.Node, id) })
	if !ok {
		return NodeCompliance{}, false
	}
	return r.Nodes[i], true
}

// Explain renders the communities that are behind or not yet compliant.
func (r ComplianceReport) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "obligations %d meetings, %d solved a year; %d-%02d-%02d is day %d of %d\n",
		r.Rule.Meetings, r.Rule.Solved, r.Day.Year(), r.Day.Month(), r.Day.Day(), r.Elapsed, r.Days)
	for _, c := range r.Communities {
		state := "on pace"
		switch {
		case c.Compliant:
			state = "compliant"
		case c.Behind:
			state = fmt.Sprintf("behind by %d meetings, %d solved", c.MeetingsBehind, c.SolvedBehind)
		}
		fmt.Fprintf(&b, "%s: %d meetings (due %d), %d solved (due %d): %s\n",
			c.Community, c.Meetings, c.MeetingsDue, c.Solved, c.SolvedDue, state)
	}
	return b.String()
}

// Compliance computes the obligations report for year at day (records after
// day are ignored, as are records of other years). Records are placed in the
// nearest listed community at or above their grid node; communities are
// rolled up to every ancestor that places knows. Pure; the location of day
// decides where years and days begin.
func Compliance(rule Obligations, places Places, communities []grid.ID, held []Held, solved []Closure, day time.Time) (ComplianceReport, error) {
	if err := rule.Validate(); err != nil {
		return ComplianceReport{}, err
	}
	loc := day.Location()
	year := day.Year()
	days := time.Date(year, 12, 31, 0, 0, 0, 0, loc).YearDay()
	r := ComplianceReport{Rule: rule, Year: year, Day: dayOf(day), Elapsed: day.YearDay(), Days: days}

	idx := make(map[grid.ID]int, len(communities))
	ids := slices.Clone(communities)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	r.Communities = make([]CommunityCompliance, len(ids))
	for i, id := range ids {
		if id == "" {
			return ComplianceReport{}, invalid("communities", "empty community id")
		}
		idx[id] = i
		r.Communities[i].Community = id
	}
	// place memoises node -> community index (-1: none).
	place := make(map[grid.ID]int)
	locate := func(n grid.ID) int {
		if i, ok := idx[n]; ok {
			return i
		}
		if i, ok := place[n]; ok {
			return i
		}
		found := -1
		cur := n
		for range 64 { // deeper than any real grid; guards against cycles
			p, ok := places.Parent(cur)
			if !ok || p == "" {
				break
			}
			if i, ok := idx[p]; ok {
				found = i
				break
			}
			cur = p
		}
		place[n] = found
		return found
	}
	// Records count from 00:00 on January 1 up to 24:00 of the report day.
	start := time.Date(year, 1, 1, 0, 0, 0, 0, loc)
	end := time.Date(year, day.Month(), day.Day()+1, 0, 0, 0, 0, loc)
	inYear := func(t time.Time) bool { return !t.Before(start) && t.Before(end) }
	for _, h := range held {
		if !inYear(h.At) || !rule.counts(h.Kind, h.Quorate) {
			continue
		}
		if i := locate(h.Grid); i >= 0 {
			r.Communities[i].Meetings++
		} else {
			r.Unplaced++
		}
	}
	for _, s := range solved {
		if !inYear(s.At) {
			continue
		}
		if i := locate(s.Grid); i >= 0 {
			r.Communities[i].Solved++
		} else {
			r.Unplaced++
		}
	}
	mDue := proRata(rule.Meetings, r.Elapsed, days)
	sDue := proRata(rule.Solved, r.Elapsed, days)
	// Roll up: every node gets an accumulator that remembers its parent's,
	// so places is asked once per distinct node, not once per community
	// and level.
	type acc struct {
		NodeCompliance
		parent *acc
		known  bool // parent resolved (nil parent: a root)
	}
	nodes := make(map[grid.ID]*acc, len(ids)*2)
	get := func(n grid.ID) *acc {
		a := nodes[n]
		if a == nil {
			a = &acc{NodeCompliance: NodeCompliance{Node: n}}
			nodes[n] = a
		}
		return a
	}
	for i := range r.Communities {
		c := &r.Communities[i]
		c.MeetingsDue, c.SolvedDue = mDue, sDue
		c.MeetingsBehind = max(0, mDue-c.Meetings)
		c.SolvedBehind = max(0, sDue-c.Solved)
		c.MeetingsLeft = max(0, rule.Meetings-c.Meetings)
		c.SolvedLeft = max(0, rule.Solved-c.Solved)
		c.Compliant = c.MeetingsLeft == 0 && c.SolvedLeft == 0
		c.Behind = c.MeetingsBehind > 0 || c.SolvedBehind > 0
		a := get(c.Community)
		for depth := 0; a != nil && depth <= 64; depth++ { // 64 bounds a cyclic tree
			a.Communities++
			a.Meetings += c.Meetings
			a.Solved += c.Solved
			a.MeetingsBehind += c.MeetingsBehind
			a.SolvedBehind += c.SolvedBehind
			if c.Compliant {
				a.Compliant++
			}
			if c.Behind {
				a.Behind++
			}
			if !a.known {
				a.known = true
				if p, ok := places.Parent(a.Node); ok && p != "" {
					a.parent = get(p)
				}
			}
			a = a.parent
		}
	}
	r.Nodes = make([]NodeCompliance, 0, len(nodes))
	for _, n := range nodes {
		r.Nodes = append(r.Nodes, n.NodeCompliance)
	}
	slices.SortFunc(r.Nodes, func(a, b NodeCompliance) int { return cmp.Compare(a.Node, b.Node) })
	return r, nil
}

// proRata returns ceil(min × elapsed / days) with integers.
func proRata(min, elapsed, days int) int {
	if days <= 0 {
		return min
	}
	return (min*elapsed + days - 1) / days
}
