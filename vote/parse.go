package vote

import (
	"bytes"
	"encoding/json"
	"io"
)

// PeekMethod returns the "method" field of a JSON rule config without
// decoding the rest, so a tool can pick the package whose rule type reads
// it (this package's methods, vote/ranked, vote/pb). A missing or
// non-string method is a *ConfigError.
func PeekMethod(data []byte) (Method, error) {
	var head struct {
		Method *json.RawMessage `json:"method"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
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

// ParsePoll decodes a JSON poll definition strictly (unknown fields and
// trailing data are errors) and validates it (see Poll.Validate). Its
// errors wrap ErrInvalidConfig (the rule, or malformed JSON) or
// ErrInvalidPoll.
func ParsePoll(data []byte) (Poll, error) {
	var p Poll
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return Poll{}, jsonConfigError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Poll{}, &ConfigError{Field: "(root)", Reason: "trailing data after the poll"}
	}
	if err := p.Validate(); err != nil {
		return Poll{}, err
	}
	p.Rule = p.Rule.normalized()
	return p, nil
}
