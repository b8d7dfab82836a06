package pb

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// MetaKeys lists the META keys the pabulib format documents (Faliszewski et
// al., "Participatory Budgeting: Data, Tools, and Analysis", IJCAI 2023,
// arXiv:2305.11035, and the pabutools reader). Every other key is kept in
// Instance.Meta and listed by MetaInfo.Unknown.
var MetaKeys = []string{
	"description", "country", "unit", "subunit", "instance", "district", "comment",
	"num_projects", "num_votes", "budget", "vote_type", "rule",
	"date_begin", "date_end", "language", "edition", "currency", "acknowledgments",
	"min_length", "max_length", "min_sum_cost", "max_sum_cost",
	"min_points", "max_points", "min_sum_points", "max_sum_points",
	"default_score", "scoring_fn", "min_project_score_threshold",
	"neighborhood", "subdistrict", "fully_funded", "experimental",
}

// MetaInfo is the META section of a pabulib file with its documented keys
// parsed, so that rules can use them: the ballot constraints (lengths, cost
// and points limits, the default score of an unlisted project) and the
// descriptive keys (rule, subunit, comment, ...). A numeric key absent from
// the file is nil.
type MetaInfo struct {
	Description string `json:"description,omitempty"`
	Country     string `json:"country,omitempty"`
	Unit        string `json:"unit,omitempty"`
	Subunit     string `json:"subunit,omitempty"`
	Instance    string `json:"instance,omitempty"`
	District    string `json:"district,omitempty"`
	Comment     string `json:"comment,omitempty"`
	Rule        string `json:"rule,omitempty"`
	Language    string `json:"language,omitempty"`
	Edition     string `json:"edition,omitempty"`
	DateBegin   string `json:"date_begin,omitempty"`
	DateEnd     string `json:"date_end,omitempty"`
	Currency    string `json:"currency,omitempty"`
	ScoringFn   string `json:"scoring_fn,omitempty"`

	NumProjects *int             `json:"num_projects,omitempty"`
	NumVotes    *int             `json:"num_votes,omitempty"`
	MinLength   *int             `json:"min_length,omitempty"`
	MaxLength   *int             `json:"max_length,omitempty"`
	MinSumCost  *decimal.Decimal `json:"min_sum_cost,omitempty"`
	MaxSumCost  *decimal.Decimal `json:"max_sum_cost,omitempty"`
	// Points are integers, as Ballot.Points are.
	MinPoints    *int64 `json:"min_points,omitempty"`
	MaxPoints    *int64 `json:"max_points,omitempty"`
	MinSumPoints *int64 `json:"min_sum_points,omitempty"`
	MaxSumPoints *int64 `json:"max_sum_points,omitempty"`
	DefaultScore *int64 `json:"default_score,omitempty"`
	// MinProjectScoreThreshold is the support a project needs to be
	// funded, as the file gives it.
	MinProjectScoreThreshold *decimal.Decimal `json:"min_project_score_threshold,omitempty"`

	// Unknown lists, sorted, the keys the format does not document.
	Unknown []string `json:"unknown,omitempty"`
}

// MetaError names a META key whose value cannot be read.
type MetaError struct {
	Key, Value, Reason string
}

// Error names the key, the value and the reason.
func (e *MetaError) Error() string {
	return fmt.Sprintf("pb: META %s %q: %s", e.Key, e.Value, e.Reason)
}

// Unwrap returns ErrInvalidInstance.
func (e *MetaError) Unwrap() error { return ErrInvalidInstance }

// Info parses in.Meta; see ParseMeta.
func (in Instance) Info() (MetaInfo, error) { return ParseMeta(in.Meta) }

// ParseMeta parses the documented keys of a META section. Numbers may use a
// decimal comma ("10,5") and surrounding spaces; "None" or "" counts as
// absent. A value that is not a number where one is documented is a
// *MetaError naming the key.
func ParseMeta(meta map[string]string) (MetaInfo, error) {
	var m MetaInfo
	text := map[string]*string{
		"description": &m.Description, "country": &m.Country, "unit": &m.Unit, "subunit": &m.Subunit,
		"instance": &m.Instance, "district": &m.District, "comment": &m.Comment, "rule": &m.Rule,
		"language": &m.Language, "edition": &m.Edition, "date_begin": &m.DateBegin, "date_end": &m.DateEnd,
		"currency": &m.Currency, "scoring_fn": &m.ScoringFn,
	}
	ints := map[string]**int{"num_projects": &m.NumProjects, "num_votes": &m.NumVotes, "min_length": &m.MinLength, "max_length": &m.MaxLength}
	points := map[string]**int64{"min_points": &m.MinPoints, "max_points": &m.MaxPoints, "min_sum_points": &m.MinSumPoints,
		"max_sum_points": &m.MaxSumPoints, "default_score": &m.DefaultScore}
	decs := map[string]**decimal.Decimal{"min_sum_cost": &m.MinSumCost, "max_sum_cost": &m.MaxSumCost,
		"min_project_score_threshold": &m.MinProjectScoreThreshold}
	for k, raw := range meta {
		v := strings.TrimSpace(raw)
		if p, ok := text[k]; ok {
			*p = v
			continue
		}
		if !slices.Contains(MetaKeys, k) {
			m.Unknown = append(m.Unknown, k)
			continue
		}
		if v == "" || strings.EqualFold(v, "none") {
			continue
		}
		if p, ok := ints[k]; ok {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return m, &MetaError{Key: k, Value: raw, Reason: "not a count"}
			}
			*p = &n
			continue
		}
		if p, ok := points[k]; ok {
			d, err := ParseAmount(v)
			if err != nil || !d.IsInteger() || !d.Abs().LessThan(decimal.New(1, 18)) {
				return m, &MetaError{Key: k, Value: raw, Reason: "not a whole number of points"}
			}
			n := d.IntPart()
			*p = &n
			continue
		}
		if p, ok := decs[k]; ok {
			d, err := ParseAmount(v)
			if err != nil {
				return m, &MetaError{Key: k, Value: raw, Reason: "not a number"}
			}
			*p = &d
		}
	}
	slices.Sort(m.Unknown)
	return m, nil
}

// ParseAmount parses a cost or amount as pabulib files write it: a decimal
// point or a single decimal comma ("10,5"), surrounding spaces allowed.
func ParseAmount(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	return decimal.NewFromString(s)
}
