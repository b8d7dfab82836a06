package ticket

import (
	"encoding/json"
	"slices"

	"github.com/gongzhi/gongzhi/calendar"
)

// clockFields is Clock without its JSON methods.
type clockFields Clock

// clockJSON is the JSON form of a Clock: its fields, with Provisional
// spelled out as the three flat fields stored documents have always had.
type clockJSON struct {
	clockFields
	Provisional       bool   `json:"provisional,omitempty"`
	ProvisionalYears  []int  `json:"provisional_years,omitempty"`
	ProvisionalReason string `json:"provisional_reason,omitempty"`
}

// MarshalJSON encodes the clock's fields by their JSON tags, and a
// non-nil Provisional as "provisional": true with "provisional_years" and
// "provisional_reason" beside the other fields, the shape stored tickets
// have had since provisional clocks exist.
func (c Clock) MarshalJSON() ([]byte, error) {
	j := clockJSON{clockFields: clockFields(c)}
	if c.Provisional != nil {
		j.Provisional, j.ProvisionalYears, j.ProvisionalReason = true, c.Provisional.Years, c.Provisional.Reason
	}
	return json.Marshal(j)
}

// clockJSONIn decodes a Clock in place: its fields through the embedded
// pointer, Provisional into the three flat fields.
type clockJSONIn struct {
	*clockFields
	Provisional       bool   `json:"provisional"`
	ProvisionalYears  []int  `json:"provisional_years"`
	ProvisionalReason string `json:"provisional_reason"`
}

// UnmarshalJSON decodes what MarshalJSON encodes, into c as
// encoding/json decodes a struct: fields absent from b keep their value.
// Provisional is set when "provisional" is true; years or a reason
// without it are ignored, as they were when Provisional was a flag.
func (c *Clock) UnmarshalJSON(b []byte) error {
	old := c.Provisional
	j := clockJSONIn{clockFields: (*clockFields)(c)}
	if old != nil {
		j.Provisional, j.ProvisionalYears, j.ProvisionalReason = true, slices.Clone(old.Years), old.Reason
	}
	if err := json.Unmarshal(b, &j); err != nil {
		c.Provisional = old
		return err
	}
	c.Provisional = nil
	if j.Provisional {
		c.Provisional = &calendar.Provisional{Years: j.ProvisionalYears, Reason: j.ProvisionalReason}
	}
	return nil
}
