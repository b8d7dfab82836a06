package vote

import "errors"

// ErrInvalidConfig is wrapped by every error that rejects a rule config.
var ErrInvalidConfig = errors.New("vote: invalid rule config")

// ConfigError names the field of a rule config that is invalid and why.
type ConfigError struct {
	Field  string // JSON path of the offending field, e.g. "threshold.den"
	Reason string
}

func (e *ConfigError) Error() string {
	return "vote: invalid rule config: " + e.Field + ": " + e.Reason
}

// Unwrap returns ErrInvalidConfig.
func (e *ConfigError) Unwrap() error { return ErrInvalidConfig }
