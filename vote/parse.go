package vote

import (
	"encoding/json"
	"reflect"

	"github.com/gongzhi/gongzhi/internal/strictjson"
)

// PeekMethod returns the "method" field of a JSON rule config without
// decoding the rest, so a tool can pick the package whose rule type reads
// it (this package's methods, vote/ranked, vote/pb). A missing or
// non-string method is a *ConfigError.
func PeekMethod(data []byte) (Method, error) {
	var head struct {
		Method *json.RawMessage `json:"method"`
	}
	if err := strictjson.DecodeLoose(data, &head); err != nil {
		return "", jsonConfigError(err)
	}
	if head.Method == nil {
		return "", &ConfigError{Field: "method", Reason: "missing"}
	}
	var m string
	if err := json.Unmarshal(*head.Method, &m); err != nil || m == "" {
		return "", &ConfigError{Field: "method", Reason: "must be a non-empty string"}
	}
	return Method(m), nil
}

// ParsePoll decodes a JSON poll definition strictly (unknown fields,
// duplicate keys, keys that differ from a field only by case and trailing
// data are errors) and validates it (see Poll.Validate). Its errors wrap
// ErrInvalidConfig (the rule, or malformed JSON) or ErrInvalidPoll.
func ParsePoll(data []byte) (Poll, error) {
	var p Poll
	if err := strictjson.Decode(data, &p); err != nil {
		return Poll{}, jsonConfigError(err)
	}
	if err := p.Validate(); err != nil {
		return Poll{}, err
	}
	p.Rule = p.Rule.normalized()
	return p, nil
}

// ParsePollWithRule decodes a poll definition strictly, like ParsePoll,
// for a poll whose rule is chosen elsewhere (the gongzhi command's --rule):
// the document's "rule" may be omitted, and if present must equal r. The
// poll is validated with r, so a misspelt "voter_list" or an unknown option
// field is an error instead of a poll counted without its voter list.
func ParsePollWithRule(data []byte, r Rule) (Poll, error) {
	var p Poll
	if err := strictjson.Decode(data, &p); err != nil {
		return Poll{}, jsonConfigError(err)
	}
	r = r.normalized()
	if !reflect.DeepEqual(p.Rule, Rule{}) && !reflect.DeepEqual(p.Rule.normalized(), r) {
		return Poll{}, &PollError{Poll: p.ID, Field: "rule", Reason: "differs from the rule given separately"}
	}
	p.Rule = r
	if err := p.Validate(); err != nil {
		return Poll{}, err
	}
	return p, nil
}
