package calendar

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/gongzhi/gongzhi/internal/strictjson"
)

// maxJSON bounds the size of a calendar document read by Load.
const maxJSON = 1 << 20

// Load reads a Config as JSON from r and builds the Calendar. Unknown
// fields and text that is not UTF-8 are rejected; every error wraps ErrInvalidConfig and names the
// field when there is one.
func Load(r io.Reader) (*Calendar, error) {
	var cfg Config
	if err := decodeStrict(r, &cfg); err != nil {
		return nil, err
	}
	return New(cfg)
}

// LoadSchedule reads one year's holiday notice as JSON from r, for
// Extend. Unknown fields and text that is not UTF-8 are rejected.
func LoadSchedule(r io.Reader) (Schedule, error) {
	var s Schedule
	if err := decodeStrict(r, &s); err != nil {
		return Schedule{}, err
	}
	if err := s.Validate(); err != nil {
		return Schedule{}, err
	}
	return s, nil
}

// Extend returns a new calendar that also covers the years of the given
// notices; c itself is unchanged. The new years must continue the years
// of c's notices without a gap and must not repeat one of them. A year
// that c only derives (IsProvisional) takes the notice's days and is no
// longer provisional.
func (c *Calendar) Extend(years ...Schedule) (*Calendar, error) {
	if !c.ok() {
		return nil, errZero()
	}
	cfg := c.Config()
	for _, y := range years {
		cfg.Years = append(cfg.Years, y.clone())
	}
	return New(cfg)
}

// ExtendJSON reads one year's notice (a Schedule) as JSON from r and
// returns c extended with it.
func (c *Calendar) ExtendJSON(r io.Reader) (*Calendar, error) {
	s, err := LoadSchedule(r)
	if err != nil {
		return nil, err
	}
	return c.Extend(s)
}

// MarshalJSON writes the calendar's Config; Load reads it back into an
// equal calendar.
func (c *Calendar) MarshalJSON() ([]byte, error) {
	if !c.ok() {
		return nil, errZero()
	}
	return json.Marshal(c.cfg)
}

// UnmarshalJSON reads a Config like Load. It exists so that a Calendar
// can be embedded in larger JSON documents; call it only on a new,
// unshared Calendar, since a Calendar is otherwise immutable.
func (c *Calendar) UnmarshalJSON(b []byte) error {
	n, err := Load(bytes.NewReader(b))
	if err != nil {
		return err
	}
	*c = *n
	return nil
}

// decodeStrict decodes exactly one JSON value into v, rejecting unknown
// fields, duplicate keys, keys that differ from a field only by case and
// trailing data, and maps decoding errors to *ConfigError.
func decodeStrict(r io.Reader, v any) error {
	data, err := io.ReadAll(io.LimitReader(r, maxJSON+1))
	if err != nil {
		return &ConfigError{Reason: err.Error()}
	}
	if len(data) > maxJSON {
		return &ConfigError{Reason: fmt.Sprintf("document larger than %d bytes", maxJSON)}
	}
	// encoding/json would replace each byte that is not UTF-8 with U+FFFD:
	// a notice typed in Notepad as GBK would name its holidays "Ԫ��".
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		return &ConfigError{Reason: fmt.Sprintf("not UTF-8 text (line %d): save the file as UTF-8", line)}
	}
	if err := strictjson.Decode(data, v); err != nil {
		return jsonErr(err)
	}
	return nil
}

// firstInvalid returns the offset of the first byte of data that is not
// UTF-8, or len(data).
func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}

func jsonErr(err error) error {
	var se *strictjson.Error
	if !errors.As(err, &se) {
		return &ConfigError{Reason: err.Error()}
	}
	return &ConfigError{Field: se.Field, Reason: se.Reason}
}
