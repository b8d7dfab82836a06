package strictjson

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

type matter string

func (m *matter) UnmarshalText(b []byte) error {
	if string(b) == "bad" {
		return errors.New("bad matter")
	}
	*m = matter(b)
	return nil
}

type inner struct {
	Num int  `json:"num"`
	Inc bool `json:"inclusive,omitempty"`
}

type Embedded struct {
	Note string `json:"note"`
}

// threshold embeds inner, as vote.Threshold embeds vote.Ratio.
type threshold struct {
	inner
	Base string `json:"base"`
}

type rule struct {
	Embedded
	Thr     threshold         `json:"threshold"`
	Method  string            `json:"method"`
	Matter  matter            `json:"matter,omitempty"`
	Quorum  inner             `json:"quorum"`
	Ptr     *inner            `json:"ptr,omitempty"`
	Levels  []inner           `json:"levels"`
	Scores  map[string]int    `json:"scores"`
	Extra   any               `json:"extra"`
	Raw     json.RawMessage   `json:"raw"`
	Skipped string            `json:"-"`
	Plain   string            // JSON name "Plain"
	Nested  map[string]*inner `json:"nested"`
	//lint:ignore U1000 never set: the decoder must treat "private" as unknown
	private int
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name, doc   string
		field, want string // want: substring of the reason; "" = accepted
	}{
		{"ok", `{"method":"a","matter":"m","quorum":{"num":1},"levels":[{"num":2}],"scores":{"A":1,"a":2},"note":"n","Plain":"p"}`, "", ""},
		{"empty object", `{}`, "", ""},
		{"unknown", `{"method":"a","vots":5}`, "vots", "unknown field"},
		{"unknown nested", `{"quorum":{"num":1,"den":2}}`, "quorum.den", "unknown field"},
		{"unknown in list", `{"levels":[{"num":1},{"nm":1}]}`, "levels.nm", "unknown field"},
		{"duplicate", `{"method":"a","method":"b"}`, "method", "duplicate key"},
		{"duplicate nested", `{"quorum":{"num":1,"num":2}}`, "quorum.num", "duplicate key"},
		{"duplicate map key", `{"scores":{"A":1,"A":2}}`, "scores.A", "duplicate key"},
		{"map keys differing by case", `{"scores":{"A":1,"a":2}}`, "", ""},
		{"case variant", `{"Matter":"raise-fund"}`, "Matter", `differs from field "matter" only by case`},
		{"case variants both", `{"Matter":"raise-fund","MATTER":"rules"}`, "Matter", "only by case"},
		{"case variant of promoted", `{"NOTE":"x"}`, "NOTE", "only by case"},
		{"case variant of untagged", `{"plain":"x"}`, "plain", "only by case"},
		{"kelvin sign", "{\"method\":\"a\",\"\u212aey\":1}", "\u212aey", "unknown field"},
		{"escaped duplicate", `{"matter":"a","m\u0061tter":"b"}`, "matter", "duplicate key"},
		{"escaped case variant", `{"\u004datter":"a"}`, "Matter", "only by case"},
		{"any duplicate", `{"extra":{"x":1,"x":2}}`, "extra.x", "duplicate key"},
		{"any case duplicate", `{"extra":{"x":1,"X":2}}`, "extra.X", "duplicate key"},
		{"raw duplicate", `{"raw":{"x":1,"x":2}}`, "raw.x", "duplicate key"},
		{"deep any duplicate", `{"extra":[[{"a":{"b":1,"b":2}}]]}`, "extra.a.b", "duplicate key"},
		{"pointer struct", `{"ptr":{"num":1,"NUM":2}}`, "ptr.NUM", "only by case"},
		{"map of struct", `{"nested":{"k":{"num":1,"Num":2}}}`, "nested.k.Num", "only by case"},
		{"skipped field", `{"Skipped":"x"}`, "Skipped", "unknown field"},
		{"private field", `{"private":1}`, "private", "unknown field"},
		{"trailing", `{"method":"a"} {}`, "", "trailing data"},
		{"trailing garbage", `{"method":"a"}x`, "", "trailing data"},
		{"empty", ``, "", "empty document"},
		{"spaces", "  \n ", "", "empty document"},
		{"truncated", `{"method":"a"`, "", "truncated document"},
		{"syntax", `{"method" "a"}`, "", "syntax error"},
		{"bad literal", `{"method":tru}`, "", "syntax error"},
		{"type", `{"quorum":{"num":"x"}}`, "quorum.num", "cannot use JSON string as int"},
		// encoding/json names embedded structs by their Go names
		// ("threshold.inner.inclusive"); the document has none.
		{"type in promoted field", `{"note":1}`, "note", "cannot use JSON number as string"},
		{"type in embedded of a field", `{"threshold":{"inclusive":"yes"}}`, "threshold.inclusive", "cannot use JSON string as bool"},
		{"type beside embedded", `{"threshold":{"base":2}}`, "threshold.base", "cannot use JSON number as string"},
		{"type in map of struct", `{"nested":{"k":{"num":"x"}}}`, "nested.num", "cannot use JSON string as int"},
		{"text unmarshaler error", `{"matter":"bad"}`, "", "bad matter"},
		{"control char in key", "{\"me\x01thod\":1}", "", "syntax error"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r rule
			err := Decode([]byte(tc.doc), &r)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("Decode(%s) = %v, want nil", tc.doc, err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Decode(%s) = %v, want *Error", tc.doc, err)
			}
			if e.Field != tc.field || !strings.Contains(e.Reason, tc.want) {
				t.Errorf("Decode(%s) = field %q reason %q, want field %q reason containing %q", tc.doc, e.Field, e.Reason, tc.field, tc.want)
			}
		})
	}
}

func TestDecodeKeepsTypedErrors(t *testing.T) {
	type custom struct {
		V matter `json:"v"`
	}
	var c custom
	err := Decode([]byte(`{"v":"bad"}`), &c)
	if err == nil || err.Error() == "" || errors.Unwrap(err) == nil {
		t.Fatalf("Decode = %v, want the UnmarshalText error wrapped", err)
	}
}

func TestDecodeLoose(t *testing.T) {
	var head struct {
		Method string `json:"method"`
	}
	if err := DecodeLoose([]byte(`{"method":"irv","seats":2}`), &head); err != nil || head.Method != "irv" {
		t.Fatalf("DecodeLoose = %v, %q", err, head.Method)
	}
	for _, doc := range []string{
		`{"method":"approval","METHOD":"irv"}`,
		`{"method":"approval","method":"irv"}`,
		`{"Method":"irv"}`,
		`{"other":1,"other":2}`,
		`{"method":"a"}x`,
	} {
		if err := DecodeLoose([]byte(doc), &head); err == nil {
			t.Errorf("DecodeLoose(%s) accepted", doc)
		}
	}
}

func TestDepthLimit(t *testing.T) {
	doc := strings.Repeat("[", maxDepth+5) + strings.Repeat("]", maxDepth+5)
	var v any
	if err := Decode([]byte(doc), &v); err == nil {
		t.Fatal("Decode accepted a document nested deeper than the limit")
	}
}

func TestRecursiveType(t *testing.T) {
	type tree struct {
		Name string  `json:"name"`
		Kids []*tree `json:"kids"`
	}
	var v tree
	if err := Decode([]byte(`{"name":"a","kids":[{"name":"b","kids":[]}]}`), &v); err != nil {
		t.Fatal(err)
	}
	if err := Decode([]byte(`{"name":"a","kids":[{"name":"b","kids":[{"Name":"c"}]}]}`), &v); err == nil {
		t.Fatal("case variant in a recursive type accepted")
	}
}

func TestManyKeys(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"scores":{`)
	for i := range 100 {
		fmt.Fprintf(&b, `"k%d":%d,`, i, i)
	}
	b.WriteString(`"k7":0}}`)
	var r rule
	err := Decode([]byte(b.String()), &r)
	var e *Error
	if !errors.As(err, &e) || e.Field != "scores.k7" {
		t.Fatalf("Decode = %v, want duplicate scores.k7", err)
	}
}

// FuzzDecode checks that whatever Decode accepts, encoding/json decodes
// to the same value, and that an accepted document never repeats a key.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{"method":"a","quorum":{"num":1},"levels":[{"num":2}],"scores":{"A":1}}`,
		`{"Matter":"x"}`, `{"method":"a","method":"b"}`, `{"extra":{"x":[1,{"y":2}]}}`,
		`{"m\u0061tter":"b"}`, `[]`, `null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var got rule
		if err := Decode(data, &got); err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not *Error", err)
			}
			return
		}
		if !utf8.Valid(data) {
			t.Fatalf("accepted a document that is not UTF-8: %q", data)
		}
		var want rule
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatalf("strict accepted what encoding/json refuses: %v", err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("strict decoded %+v, encoding/json %+v", got, want)
		}
		var tree any
		if err := json.Unmarshal(data, &tree); err != nil {
			t.Fatal(err)
		}
		if n := countKeys(data); n != keysIn(tree) {
			t.Fatalf("accepted document with a repeated key: %d keys written, %d distinct", n, keysIn(tree))
		}
	})
}

// countKeys counts the object keys written in data.
func countKeys(data []byte) int {
	dec := json.NewDecoder(strings.NewReader(string(data)))
	n := 0
	var stack []bool // true = object
	expectKey := false
	for {
		tok, err := dec.Token()
		if err != nil {
			return n
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, true)
			expectKey = true
			continue
		case json.Delim('['):
			stack = append(stack, false)
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		default:
			if expectKey {
				n++
				expectKey = false
				continue
			}
		}
		expectKey = len(stack) > 0 && stack[len(stack)-1]
	}
}

// keysIn counts the keys of every object in a decoded tree.
func keysIn(v any) int {
	switch v := v.(type) {
	case map[string]any:
		n := len(v)
		for _, x := range v {
			n += keysIn(x)
		}
		return n
	case []any:
		n := 0
		for _, x := range v {
			n += keysIn(x)
		}
		return n
	}
	return 0
}

// TestNotUTF8 refuses a document saved as GBK or UTF-16 and names the line
// of the first byte that is not UTF-8; encoding/json alone would load it
// with U+FFFD in place of the name.
func TestNotUTF8(t *testing.T) {
	for _, c := range []struct {
		doc  string
		line string
	}{
		{"{\"method\":\"\xbc\xd7\"}", "line 1 "},                       // 甲 in GBK
		{"{\n\"method\": \"a\",\n\"extra\": \"\xd2\xd2\"}", "line 3 "}, // 乙 in GBK, third line
		{"\xff\xfe{\x00}\x00", "line 1 "},                              // UTF-16LE with its BOM
	} {
		var r rule
		err := Decode([]byte(c.doc), &r)
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(err.Error(), c.line) || !strings.Contains(err.Error(), "not UTF-8") {
			t.Errorf("Decode(%q) = %v; want a *Error naming %q", c.doc, err, c.line)
		}
		if !reflect.DeepEqual(r, rule{}) {
			t.Errorf("Decode(%q) wrote %+v", c.doc, r)
		}
	}
	var r rule
	if err := Decode([]byte(`{"method":"甲"}`), &r); err != nil || r.Method != "甲" {
		t.Errorf("UTF-8 document: %+v, %v", r, err)
	}
}
