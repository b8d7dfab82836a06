package agenda

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/internal/strictjson"

	"github.com/gongzhi/gongzhi/vote"
)

// maxDays bounds every configured period: a year is the longest notice or
// publicity period any rule asks for.
const maxDays = 366

// Kind is a kind of meeting (居民议事会, 听证会, 协调会 ...) and its rules.
type Kind struct {
	Name  string `json:"name"`            // identifier used by meetings, e.g. "council"
	Label string `json:"label,omitempty"` // display name, e.g. "居民议事会"
	// Notice is how long before the meeting its notice must be posted, in
	// natural or working days ({"n": 5, "unit": "natural_days"}); the zero
	// Period means no notice period.
	Notice calendar.Period `json:"notice"`
	// Quorum is the share of invited representatives who must attend for the
	// meeting to decide anything, e.g. more than half (过半数).
	Quorum vote.Ratio `json:"quorum"`
	// Approval is the share of representatives present who must vote yes for
	// a yes/no motion to pass, and the support an alternative needs in a
	// limited-approval vote.
	Approval vote.Ratio `json:"approval"`
	// Decides says whether the meeting may adopt resolutions. Hearings and
	// consultations only gather views.
	Decides bool `json:"decides"`
}

// Policy is a district's or community's deliberation rules: which topic
// categories exist, the kinds of meeting, the publicity period of
// resolutions, and the satisfaction a topic needs to close as solved.
// Policies unmarshal from JSON (see LoadPolicy).
type Policy struct {
	// Categories are the topic categories. Empty means any category.
	Categories []string `json:"categories,omitempty"`
	// Kinds are the meeting kinds; at least one.
	Kinds []Kind `json:"kinds"`
	// Publicity is how long a resolution is posted (公示) before it takes
	// effect, in natural or working days; residents may object during it.
	Publicity calendar.Period `json:"publicity"`
	// Satisfaction is the share of evaluation ballots rated satisfied or
	// basically satisfied needed to close a topic as solved.
	Satisfaction vote.Ratio `json:"satisfaction"`
}

// Beijing returns an illustrative deliberation policy for a Beijing
// community. The topic categories are those named in Beijing's community
// deliberation rules (Chaoyang's report: waste sorting, property
// management, parking, hallway clutter, dog walking) plus e-bike charging
// (安外社区, 安贞街道, Chaoyang).
// The meeting kinds follow the forms listed in 中办、国办《关于加强城乡社区协商的
// 意见》(2015) and 京办发〔2016〕23号: 议事会 (council), 居民代表会议
// (assembly), 听证会 (hearing), 恳谈会 (consultation) and 协调会 with
// departments (coordination); street-deliberation is the subdistrict-level
// 议事协商会 of 居民议事代表 (residents' deliberation representatives, not
// the statutory 居民代表会议), as Shuangjing subdistrict (Chaoyang) held on
// 2021-12-30 to rate last year's practical projects and vote next year's.
//
// No primary text fixes the numbers, so they are overridable defaults: notice
// 5 days before a council meeting (15 for an assembly, as the Beijing
// property regulation art. 35 requires for owners' assemblies), quorum and
// approval more than half (过半数), publicity 7 days (common practice; the
// property regulation art. 57 posts interim-committee decisions for 10
// working days), satisfaction more than half.
func Beijing() Policy {
	half := vote.MoreThan(1, 2)
	return Policy{
		Categories: []string{"waste-sorting", "property-management", "parking", "hallway-clutter",
			"dog-walking", "ebike-charging", "elderly-care", "greening", "safety", "other"},
		Kinds: []Kind{
			{Name: "council", Label: "居民议事会", Notice: natural(5), Quorum: half, Approval: half, Decides: true},
			{Name: "assembly", Label: "居民代表会议", Notice: natural(15), Quorum: half, Approval: half, Decides: true},
			{Name: "hearing", Label: "听证会", Notice: natural(7), Quorum: half, Approval: half},
			{Name: "consultation", Label: "恳谈会", Notice: natural(3), Quorum: half, Approval: half},
			{Name: "coordination", Label: "协调会", Notice: calendar.Period{N: 2, Unit: calendar.WorkingDays}, Quorum: half, Approval: half},
			{Name: "street-deliberation", Label: "议事协商会", Notice: natural(5), Quorum: half, Approval: half, Decides: true},
		},
		Publicity:    natural(7),
		Satisfaction: half,
	}
}

// Kind returns the meeting kind named name.
func (p Policy) Kind(name string) (Kind, bool) {
	for _, k := range p.Kinds {
		if k.Name == name {
			return k, true
		}
	}
	return Kind{}, false
}

// HasCategory reports whether c is an allowed topic category.
func (p Policy) HasCategory(c string) bool {
	if len(p.Categories) == 0 {
		return c != ""
	}
	for _, x := range p.Categories {
		if x == c {
			return true
		}
	}
	return false
}

// Validate reports the first invalid field of p as a *ConfigError.
func (p Policy) Validate() error {
	seen := map[string]bool{}
	for i, c := range p.Categories {
		f := fmt.Sprintf("categories[%d]", i)
		if strings.TrimSpace(c) == "" {
			return &ConfigError{Field: f, Reason: "empty category"}
		}
		if seen[c] {
			return &ConfigError{Field: f, Reason: fmt.Sprintf("duplicate category %q", c)}
		}
		seen[c] = true
	}
	if len(p.Kinds) == 0 {
		return &ConfigError{Field: "kinds", Reason: "at least one meeting kind is required"}
	}
	names := map[string]bool{}
	for i, k := range p.Kinds {
		f := fmt.Sprintf("kinds[%d]", i)
		if strings.TrimSpace(k.Name) == "" {
			return &ConfigError{Field: f + ".name", Reason: "empty name"}
		}
		if names[k.Name] {
			return &ConfigError{Field: f + ".name", Reason: fmt.Sprintf("duplicate kind %q", k.Name)}
		}
		names[k.Name] = true
		if err := validPeriod(f+".notice", k.Notice); err != nil {
			return err
		}
		if err := validRatio(f+".quorum", k.Quorum); err != nil {
			return err
		}
		if err := validRatio(f+".approval", k.Approval); err != nil {
			return err
		}
	}
	if err := validPeriod("publicity", p.Publicity); err != nil {
		return err
	}
	return validRatio("satisfaction", p.Satisfaction)
}

func validPeriod(field string, p calendar.Period) error {
	if p == (calendar.Period{}) {
		return nil // no period
	}
	if !validUnit(p.Unit) {
		return &ConfigError{Field: field + ".unit", Reason: fmt.Sprintf("want %q or %q, got %q", calendar.NaturalDays, calendar.WorkingDays, p.Unit)}
	}
	if p.N < 0 || p.N > maxDays {
		return &ConfigError{Field: field + ".n", Reason: fmt.Sprintf("must be between 0 and %d, got %d", maxDays, p.N)}
	}
	return nil
}

// natural returns a period of n natural days.
func natural(n int) calendar.Period { return calendar.Period{N: n, Unit: calendar.NaturalDays} }

func validRatio(field string, r vote.Ratio) error {
	if err := r.Validate(); err != nil {
		var ce *vote.ConfigError
		if errors.As(err, &ce) {
			return &ConfigError{Field: field + "." + ce.Field, Reason: ce.Reason}
		}
		return &ConfigError{Field: field, Reason: err.Error()}
	}
	return nil
}

// LoadPolicy decodes a JSON policy, rejecting unknown fields, trailing data
// and invalid values with a *ConfigError naming the field.
func LoadPolicy(r io.Reader) (Policy, error) {
	var p Policy
	if err := decodeStrict(r, &p); err != nil {
		return Policy{}, err
	}
	if err := p.Validate(); err != nil {
		return Policy{}, err
	}
	if len(p.Categories) == 0 {
		p.Categories = nil // "categories": [] means any category, as an absent field does
	}
	return p, nil
}

// decodeStrict decodes exactly one JSON value into v, disallowing unknown
// fields, and maps decoder errors to *ConfigError.
func decodeStrict(r io.Reader, v any) error {
	data, err := io.ReadAll(io.LimitReader(r, 1<<20+1))
	if err != nil {
		return fmt.Errorf("agenda: reading config: %w", err)
	}
	if len(data) > 1<<20 {
		return &ConfigError{Field: "", Reason: "config larger than 1 MiB"}
	}
	if err := strictjson.Decode(data, v); err != nil {
		var ce *ConfigError
		if errors.As(err, &ce) {
			return ce
		}
		var se *strictjson.Error
		if errors.As(err, &se) {
			return &ConfigError{Field: se.Field, Reason: se.Reason}
		}
		return &ConfigError{Field: "", Reason: err.Error()}
	}
	return nil
}
