// Package strictjson is the one strict JSON decoder of the module. Every
// config, poll, rule and ballot loader decodes through it, so that a document
// means exactly what it says:
//
//   - an object key that names no field of the target struct is an error
//     (encoding/json's DisallowUnknownFields);
//   - a key that matches a field only up to case ("Matter" for "matter") is
//     an error, where encoding/json would silently accept it;
//   - a key that appears twice in one object is an error, where
//     encoding/json lets the last one win; inside structs and untyped
//     values, two keys equal up to case are duplicates too;
//   - anything after the one JSON value is an error;
//   - text that is not UTF-8 is an error naming its line, where
//     encoding/json would replace each bad byte with U+FFFD (a file saved
//     as GBK or UTF-16 by a Chinese editor would load with its names
//     garbled).
//
// Keys are compared after unescaping, so "m\u0061tter" is "matter".
// Types with their own UnmarshalJSON are checked for duplicate keys only;
// they are expected to decode their content with this package themselves.
package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode/utf8"
)

// Error reports why a document was refused. Field is the dotted path of
// the offending key from the root ("rule.matter"; array indices are not
// part of it, as in encoding/json), empty when the whole document is at
// fault. Err is the underlying encoding/json or UnmarshalJSON error, if
// any, so that errors.As finds a caller's own typed errors through it.
type Error struct {
	Field  string
	Reason string
	Err    error
}

// Error returns "json: field F: reason", or "json: reason" without a field.
func (e *Error) Error() string {
	if e.Field == "" {
		return "json: " + e.Reason
	}
	return fmt.Sprintf("json: field %q: %s", e.Field, e.Reason)
}

// Unwrap returns the underlying error, or nil.
func (e *Error) Unwrap() error { return e.Err }

// Decode decodes exactly one JSON value from data into v, a non-nil
// pointer, under the rules in the package documentation. Every error is a
// *Error. On error v may be partly written; callers decode into a fresh
// value.
func Decode(data []byte, v any) error {
	return decode(data, v, false)
}

// DecodeLoose is Decode for peeking at a few fields of a larger document:
// unknown fields are ignored, but duplicate keys and case variants are
// still refused, so the peeked value is the one a strict decode would see.
func DecodeLoose(data []byte, v any) error {
	return decode(data, v, true)
}

func decode(data []byte, v any, loose bool) error {
	if !utf8.Valid(data) {
		return notUTF8(data)
	}
	s := schemaOf(v)
	c := checker{data: data, loose: loose}
	c.skipSpace()
	if c.pos == len(data) {
		return &Error{Reason: "empty document", Err: io.EOF}
	}
	if err := c.value(s, "", 0); err != nil {
		if errors.Is(err, errMalformed) {
			return decodeErr(jsonDecode(data, v, loose), v)
		}
		return err
	}
	c.skipSpace()
	if c.pos != len(data) {
		return &Error{Reason: fmt.Sprintf("trailing data after the JSON value at byte %d", c.pos)}
	}
	return decodeErr(jsonDecode(data, v, loose), v)
}

// jsonDecode runs encoding/json on a document the checker accepted.
func jsonDecode(data []byte, v any, loose bool) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if !loose {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("json: trailing data after the JSON value")
	}
	return nil
}

// decodeErr maps an encoding/json error from decoding into v to *Error.
func decodeErr(err error, v any) error {
	if err == nil {
		return nil
	}
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		return &Error{Field: jsonPath(reflect.TypeOf(v), te.Field), Reason: fmt.Sprintf("cannot use JSON %s as %s", te.Value, te.Type), Err: err}
	case errors.As(err, &se):
		return &Error{Reason: fmt.Sprintf("syntax error at byte %d: %s", se.Offset, strings.TrimPrefix(se.Error(), "json: ")), Err: err}
	case errors.Is(err, io.EOF):
		return &Error{Reason: "empty document", Err: err}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &Error{Reason: "truncated document", Err: err}
	}
	msg := err.Error()
	if f, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		return &Error{Field: strings.Trim(f, `"`), Reason: "unknown field", Err: err}
	}
	return &Error{Reason: strings.TrimPrefix(msg, "json: "), Err: err}
}

// jsonPath removes from an encoding/json field path the Go names of
// embedded structs ("threshold.Ratio.inclusive" is "threshold.inclusive"
// in the document), following the path through t.
func jsonPath(t reflect.Type, path string) string {
	var out []string
	for _, seg := range strings.Split(path, ".") {
		for t != nil && (t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map) {
			t = t.Elem()
		}
		if t == nil || t.Kind() != reflect.Struct {
			t = nil
			out = append(out, seg)
			continue
		}
		if f, ok := t.FieldByName(seg); ok && f.Anonymous && f.Tag.Get("json") == "" {
			t = f.Type // an embedded struct: its fields are the parent's in JSON
			continue
		}
		t = fieldType(t, seg)
		out = append(out, seg)
	}
	return strings.Join(out, ".")
}

// fieldType returns the type of t's field named name in JSON (promoted
// fields of embedded structs included), or nil.
func fieldType(t reflect.Type, name string) reflect.Type {
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if tag == name || (tag == "" && strings.EqualFold(f.Name, name)) {
			return f.Type
		}
		if f.Anonymous && tag == "" {
			e := f.Type
			if e.Kind() == reflect.Pointer {
				e = e.Elem()
			}
			if e.Kind() == reflect.Struct {
				if ft := fieldType(e, name); ft != nil {
					return ft
				}
			}
		}
	}
	return nil
}

// notUTF8 is the error for a document that is not UTF-8: the line (from 1)
// and byte offset of the first byte that does not decode.
func notUTF8(data []byte) error {
	at := 0
	for at < len(data) {
		r, n := utf8.DecodeRune(data[at:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		at += n
	}
	line := 1 + bytes.Count(data[:at], []byte{'\n'})
	return &Error{Reason: fmt.Sprintf("line %d is not UTF-8 (byte %d); a file saved as GBK or UTF-16 must be saved again as UTF-8", line, at)}
}
