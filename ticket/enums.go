package ticket

// Channel is how a ticket reached the system (Beijing regulation art. 2:
// 12345 is the main channel; art. 24-27: proactive governance).
type Channel string

// Intake channels.
const (
	Hotline   Channel = "hotline"    // 12345 phone or web
	ScanCode  Channel = "scan_code"  // scan-to-report building code (一楼一码 / 扫码即诉)
	Patrol    Channel = "patrol"     // grid patrol, proactive ticket (未诉先办)
	GroupChat Channel = "group_chat" // the grid's residents' group chat
	WalkIn    Channel = "walk_in"    // in person at the community office
)

// Channels lists every channel in a stable order.
func Channels() []Channel { return []Channel{Hotline, ScanCode, Patrol, GroupChat, WalkIn} }

// Valid reports whether c is one of the defined channels.
func (c Channel) Valid() bool {
	switch c {
	case Hotline, ScanCode, Patrol, GroupChat, WalkIn:
		return true
	}
	return false
}

// Kind is the nature of a request: the five kinds of the Beijing
// regulation on respond-on-receipt (北京市接诉即办工作条例, art. 2).
type Kind string

// The five kinds of art. 2.
const (
	Consultation Kind = "consultation" // 咨询
	Help         Kind = "help"         // 求助
	Complaint    Kind = "complaint"    // 投诉
	Report       Kind = "report"       // 举报
	Suggestion   Kind = "suggestion"   // 建议
)

// Valid reports whether k is one of the five kinds.
func (k Kind) Valid() bool {
	switch k {
	case Consultation, Help, Complaint, Report, Suggestion:
		return true
	}
	return false
}

// Urgency grades how fast a ticket must be handled. SLA rules match on it.
type Urgency string

// Urgency grades. The zero value is treated as Normal.
const (
	Normal    Urgency = "normal"
	Urgent    Urgency = "urgent"    // emergencies short of 110/119/120/122
	Utilities Urgency = "utilities" // time-sensitive water, power, gas, heat (art. 19)
	Complex   Urgency = "complex"   // needs several units or a summons
)

// Valid reports whether u is a defined urgency (the empty string counts as
// Normal).
func (u Urgency) Valid() bool {
	switch u {
	case "", Normal, Urgent, Utilities, Complex:
		return true
	}
	return false
}

func (u Urgency) norm() Urgency {
	if u == "" {
		return Normal
	}
	return u
}

// Outcome is how a ticket ended without dispatch (art. 11).
type Outcome string

// Non-dispatch outcomes of art. 11.
const (
	AnsweredOnSpot       Outcome = "answered_on_spot"   // 即时答复 (consultations)
	TransferredEmergency Outcome = "transferred"        // to 110/119/120/122 (item 1)
	LegalChannel         Outcome = "legal_channel"      // litigation, arbitration, review... (item 2)
	DuplicateInformed    Outcome = "duplicate_informed" // repeat without new facts: told the progress (item 3)
	PrivacyExplained     Outcome = "privacy_explained"  // state secrets or privacy: explained (item 4)
	OutOfScope           Outcome = "out_of_scope"       // outside any unit's remit: pointed to market channels (item 5)
	RefusedUnlawful      Outcome = "refused_unlawful"   // unlawful request: dissuaded (item 6)
)

// Valid reports whether o is a defined outcome.
func (o Outcome) Valid() bool {
	switch o {
	case AnsweredOnSpot, TransferredEmergency, LegalChannel, DuplicateInformed,
		PrivacyExplained, OutOfScope, RefusedUnlawful:
		return true
	}
	return false
}

// EmergencyLine is the emergency number a TransferredEmergency outcome went
// to. Art. 2 keeps these four outside the 12345 merger.
type EmergencyLine string

// Emergency lines.
const (
	Police    EmergencyLine = "110"
	Fire      EmergencyLine = "119"
	Ambulance EmergencyLine = "120"
	Traffic   EmergencyLine = "122"
)

// Valid reports whether l is one of the four emergency lines.
func (l EmergencyLine) Valid() bool {
	switch l {
	case Police, Fire, Ambulance, Traffic:
		return true
	}
	return false
}

// Level is the level of a handling unit. "Small matters stay in the
// building, big ones in the community" is measured as the share of tickets
// resolved at each level.
type Level string

// Handling-unit levels, from the building up.
const (
	BuildingLevel    Level = "building"    // building steward (楼门长)
	GridLevel        Level = "grid"        // grid worker (网格员)
	CommunityLevel   Level = "community"   // residents' committee (社区)
	SubdistrictLevel Level = "subdistrict" // street office or township (街道/乡镇)
	DistrictLevel    Level = "district"    // district government (区政府)
	DepartmentLevel  Level = "department"  // functional department or utility
)

// Levels lists the levels in order, from the building up.
func Levels() []Level {
	return []Level{BuildingLevel, GridLevel, CommunityLevel, SubdistrictLevel, DistrictLevel, DepartmentLevel}
}

// Valid reports whether l is a defined level.
func (l Level) Valid() bool {
	switch l {
	case BuildingLevel, GridLevel, CommunityLevel, SubdistrictLevel, DistrictLevel, DepartmentLevel:
		return true
	}
	return false
}

// Role is what an actor does in the workflow. Authorization checks the role
// and, for unit roles, that the actor belongs to the assigned unit.
type Role string

// Roles.
const (
	// HotlineRole is the dispatch centre (12345 operator or community
	// dispatcher): intake, dispatch, disposal, extension decisions, callback.
	HotlineRole Role = "hotline"
	// UnitRole is a member of a handling unit: accept, object, contact,
	// progress, pause, resolve, request extensions, co-unit reports.
	UnitRole Role = "unit"
	// SupervisorRole reviews objections (the municipal or district service
	// department, art. 12) and may resume a paused ticket.
	SupervisorRole Role = "supervisor"
	// ResidentRole is the requester: follows progress. The requester does
	// not resume a paused ticket (the lead unit does, when the requester is
	// back); resuming restarts the unit's clock.
	ResidentRole Role = "resident"
	// ObserverRole reads tickets (analysts, the public dashboard); it never
	// sees contact details.
	ObserverRole Role = "observer"
)

// Valid reports whether r is a defined role.
func (r Role) Valid() bool {
	switch r {
	case HotlineRole, UnitRole, SupervisorRole, ResidentRole, ObserverRole:
		return true
	}
	return false
}

// State is a ticket's position in the lifecycle.
type State string

// Lifecycle states.
//
//	received -> dispatched -> accepted -> in_progress -> resolved -> called_back -> closed
//	dispatched -> objected -> dispatched (re-dispatch after review)
//	in_progress <-> paused (waiting for the resident)
//	called_back -> in_progress (reopened when the resident is dissatisfied)
//	received -> disposed (art. 11 outcome without dispatch)
//	any open state -> merged (duplicate merged into another ticket)
const (
	Received   State = "received"
	Dispatched State = "dispatched"
	Objected   State = "objected"
	Accepted   State = "accepted"
	InProgress State = "in_progress"
	Paused     State = "paused"
	Resolved   State = "resolved"
	CalledBack State = "called_back"
	Closed     State = "closed"
	Disposed   State = "disposed"
	Merged     State = "merged"
)

// Terminal reports whether no event can leave s.
func (s State) Terminal() bool { return s == Closed || s == Disposed || s == Merged }

// Valid reports whether s is a defined state.
func (s State) Valid() bool {
	switch s {
	case Received, Dispatched, Objected, Accepted, InProgress, Paused, Resolved, CalledBack, Closed, Disposed, Merged:
		return true
	}
	return false
}

// Satisfaction is the resident's rating at callback (评价, art. 8 and 23).
type Satisfaction string

// Ratings.
const (
	Satisfied      Satisfaction = "satisfied"       // 满意
	BasicSatisfied Satisfaction = "basic_satisfied" // 基本满意
	Dissatisfied   Satisfaction = "dissatisfied"    // 不满意
)

// Valid reports whether s is a defined rating.
func (s Satisfaction) Valid() bool {
	return s == Satisfied || s == BasicSatisfied || s == Dissatisfied
}
