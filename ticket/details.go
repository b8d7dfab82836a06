package ticket

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"unicode/utf8"
)

// Limits on Details, so that a report channel cannot make a ticket
// arbitrarily large.
const (
	maxMediaURL        = 2048 // bytes
	maxAttributes      = 64
	maxAttributeValues = 64
	maxAttributeBytes  = 4096 // per code or value
)

// Details is what a report channel supplies beyond the text: the point the
// resident reported from, a link to a photo, and answers to the category's
// questions (an Open311 service definition's attributes, a mini-program
// form). All of it is optional; a nil *Details means none.
type Details struct {
	// Point is the reported position (WGS84), if the channel had one.
	Point *Position `json:"point,omitempty"`
	// MediaURL links to a photo or video of the matter (http or https).
	MediaURL string `json:"media_url,omitempty"`
	// Attributes are the answers to the category's questions, sorted by
	// code with no code repeated.
	Attributes []Attribute `json:"attributes,omitempty"`
}

// Position is a WGS84 position in decimal degrees.
type Position struct {
	Lat  float64 `json:"lat"`
	Long float64 `json:"long"`
}

// Attribute is the answer to one question of a category's form: a code and
// one value (or several, for a multiple-choice question).
type Attribute struct {
	Code   string   `json:"code"`
	Values []string `json:"values"`
}

// Validate checks the details: a point within [-90, 90] x [-180, 180], an
// absolute http(s) media URL of at most 2048 bytes, and at most 64
// attributes, sorted by distinct non-empty code, each with 1 to 64 values of
// valid UTF-8 up to 4096 bytes. A nil *Details is valid.
func (d *Details) Validate() error {
	if d == nil {
		return nil
	}
	if p := d.Point; p != nil {
		if math.IsNaN(p.Lat) || p.Lat < -90 || p.Lat > 90 {
			return &InputError{Field: "details.point.lat", Reason: fmt.Sprintf("%v is not a latitude", p.Lat)}
		}
		if math.IsNaN(p.Long) || p.Long < -180 || p.Long > 180 {
			return &InputError{Field: "details.point.long", Reason: fmt.Sprintf("%v is not a longitude", p.Long)}
		}
	}
	if d.MediaURL != "" {
		if len(d.MediaURL) > maxMediaURL {
			return &InputError{Field: "details.media_url", Reason: fmt.Sprintf("longer than %d bytes", maxMediaURL)}
		}
		u, err := url.Parse(d.MediaURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return &InputError{Field: "details.media_url", Reason: "not an absolute http or https URL"}
		}
	}
	if len(d.Attributes) > maxAttributes {
		return &InputError{Field: "details.attributes", Reason: fmt.Sprintf("more than %d attributes", maxAttributes)}
	}
	for i, a := range d.Attributes {
		field := fmt.Sprintf("details.attributes[%d]", i)
		switch {
		case a.Code == "" || len(a.Code) > maxAttributeBytes || !utf8.ValidString(a.Code):
			return &InputError{Field: field + ".code", Reason: "empty, too long or not UTF-8"}
		case i > 0 && d.Attributes[i-1].Code >= a.Code:
			return &InputError{Field: field + ".code", Reason: "attributes must be sorted by distinct code"}
		case len(a.Values) == 0 || len(a.Values) > maxAttributeValues:
			return &InputError{Field: field + ".values", Reason: fmt.Sprintf("needs 1 to %d values", maxAttributeValues)}
		}
		for j, v := range a.Values {
			if len(v) > maxAttributeBytes || !utf8.ValidString(v) {
				return &InputError{Field: fmt.Sprintf("%s.values[%d]", field, j), Reason: "too long or not UTF-8"}
			}
		}
	}
	return nil
}

// Equal reports whether d and e hold the same details (nil equals nil
// only).
func (d *Details) Equal(e *Details) bool {
	if d == nil || e == nil {
		return d == e
	}
	if (d.Point == nil) != (e.Point == nil) || (d.Point != nil && *d.Point != *e.Point) || d.MediaURL != e.MediaURL {
		return false
	}
	return slices.EqualFunc(d.Attributes, e.Attributes, func(a, b Attribute) bool {
		return a.Code == b.Code && slices.Equal(a.Values, b.Values)
	})
}

// Clone returns a deep copy of d (nil for nil).
func (d *Details) Clone() *Details {
	if d == nil {
		return nil
	}
	c := *d
	if d.Point != nil {
		p := *d.Point
		c.Point = &p
	}
	if d.Attributes != nil {
		c.Attributes = make([]Attribute, len(d.Attributes))
		for i, a := range d.Attributes {
			c.Attributes[i] = Attribute{Code: a.Code, Values: slices.Clone(a.Values)}
		}
	}
	return &c
}
