package grid

// Node is a place as it is at one instant: its identity, its current code,
// name and parent, its level and the period it is in effect.
type Node struct {
	ID     ID     `json:"id"`
	Code   Code   `json:"code,omitempty"`
	Name   string `json:"name"`
	Level  Level  `json:"level"`
	Parent ID     `json:"parent,omitempty"` // empty for a root
	// Valid is the node's whole life, from creation to retirement.
	Valid Interval `json:"valid"`
}

// Revision is one stretch of a node's history during which its parent,
// code and name did not change.
type Revision struct {
	Period Interval `json:"period"`
	Parent ID       `json:"parent,omitempty"`
	Code   Code     `json:"code,omitempty"`
	Name   string   `json:"name"`
}
