package strictjson

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxDepth is encoding/json's nesting limit; the checker refuses deeper
// documents before recursing further.
const maxDepth = 10000

// errMalformed stops the checker at a syntax error; decode then runs
// encoding/json to report it with its usual message.
var errMalformed = errors.New("malformed JSON")

// checker walks a document once, comparing each object's keys with the
// shape expected there. It validates only as much syntax as it needs to
// find keys; encoding/json validates the rest afterwards.
type checker struct {
	data  []byte
	pos   int
	loose bool // unknown struct fields are allowed
}

func (c *checker) skipSpace() {
	for c.pos < len(c.data) {
		switch c.data[c.pos] {
		case ' ', '\t', '\n', '\r':
			c.pos++
		default:
			return
		}
	}
}

func (c *checker) value(n *node, path string, depth int) error {
	if depth > maxDepth {
		return &Error{Field: path, Reason: fmt.Sprintf("nested deeper than %d", maxDepth)}
	}
	c.skipSpace()
	if c.pos >= len(c.data) {
		return errMalformed
	}
	switch c.data[c.pos] {
	case '{':
		return c.object(n, path, depth)
	case '[':
		return c.array(n, path, depth)
	case '"':
		_, _, err := c.str()
		return err
	}
	start := c.pos
	for c.pos < len(c.data) {
		switch c.data[c.pos] {
		case ',', ']', '}', ' ', '\t', '\n', '\r':
			if c.pos == start {
				return errMalformed
			}
			return nil
		}
		c.pos++
	}
	return nil
}

func (c *checker) array(n *node, path string, depth int) error {
	c.pos++ // [
	elem := anyNode
	if n.kind == kindList {
		elem = n.elem
	}
	c.skipSpace()
	if c.pos < len(c.data) && c.data[c.pos] == ']' {
		c.pos++
		return nil
	}
	for {
		if err := c.value(elem, path, depth+1); err != nil {
			return err
		}
		c.skipSpace()
		if c.pos >= len(c.data) {
			return errMalformed
		}
		switch c.data[c.pos] {
		case ',':
			c.pos++
		case ']':
			c.pos++
			return nil
		default:
			return errMalformed
		}
	}
}

func (c *checker) object(n *node, path string, depth int) error {
	c.pos++ // {
	var keys keySet
	c.skipSpace()
	if c.pos < len(c.data) && c.data[c.pos] == '}' {
		c.pos++
		return nil
	}
	for {
		c.skipSpace()
		if c.pos >= len(c.data) || c.data[c.pos] != '"' {
			return errMalformed
		}
		raw, escaped, err := c.str()
		if err != nil {
			return err
		}
		key, err := keyString(raw, escaped)
		if err != nil {
			return err
		}
		c.skipSpace()
		if c.pos >= len(c.data) || c.data[c.pos] != ':' {
			return errMalformed
		}
		c.pos++
		sub := key
		if path != "" {
			sub = path + "." + key
		}
		child, err := c.member(n, &keys, key, sub)
		if err != nil {
			return err
		}
		if err := c.value(child, sub, depth+1); err != nil {
			return err
		}
		c.skipSpace()
		if c.pos >= len(c.data) {
			return errMalformed
		}
		switch c.data[c.pos] {
		case ',':
			c.pos++
		case '}':
			c.pos++
			return nil
		default:
			return errMalformed
		}
	}
}

// member checks key against the object's shape and the keys seen before
// it, and returns the shape of its value.
func (c *checker) member(n *node, keys *keySet, key, path string) (*node, error) {
	dup := &Error{Field: path, Reason: "duplicate key"}
	switch n.kind {
	case kindStruct:
		if keys.has(key) {
			return nil, dup
		}
		keys.add(key)
		if f, ok := n.fields[key]; ok {
			return f, nil
		}
		for name := range n.fields {
			if strings.EqualFold(name, key) {
				return nil, &Error{Field: path, Reason: fmt.Sprintf("key %q differs from field %q only by case", key, name)}
			}
		}
		if !c.loose {
			return nil, &Error{Field: path, Reason: "unknown field"}
		}
		return anyNode, nil
	case kindMap:
		if keys.has(key) {
			return nil, dup
		}
		keys.add(key)
		return n.elem, nil
	}
	folded := foldKey(key)
	if keys.has(folded) {
		return nil, &Error{Field: path, Reason: "duplicate key (keys differ at most by case)"}
	}
	keys.add(folded)
	return anyNode, nil
}

// str scans a string at c.pos and returns its raw content (without the
// quotes) and whether it holds escapes or non-ASCII bytes.
func (c *checker) str() (raw []byte, special bool, err error) {
	c.pos++ // "
	start := c.pos
	for c.pos < len(c.data) {
		b := c.data[c.pos]
		switch {
		case b == '"':
			raw = c.data[start:c.pos]
			c.pos++
			return raw, special, nil
		case b == '\\':
			special = true
			c.pos += 2
		case b < 0x20:
			return nil, false, errMalformed
		case b >= utf8.RuneSelf:
			special = true
			c.pos++
		default:
			c.pos++
		}
	}
	return nil, false, errMalformed
}

// keyString returns the key as encoding/json sees it: unescaped, with
// invalid UTF-8 replaced.
func keyString(raw []byte, special bool) (string, error) {
	if !special {
		return string(raw), nil
	}
	quoted := make([]byte, 0, len(raw)+2)
	quoted = append(quoted, '"')
	quoted = append(quoted, raw...)
	quoted = append(quoted, '"')
	var s string
	if err := json.Unmarshal(quoted, &s); err != nil {
		return "", errMalformed
	}
	return s, nil
}

// foldKey maps s to one representative of its case-folding class, so that
// foldKey(a) == foldKey(b) exactly when strings.EqualFold(a, b).
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		b.WriteRune(m)
	}
	return b.String()
}

// keySet holds the keys of one object: a slice while small, a map after.
type keySet struct {
	list []string
	set  map[string]bool
}

func (k *keySet) has(s string) bool {
	if k.set != nil {
		return k.set[s]
	}
	for _, x := range k.list {
		if x == s {
			return true
		}
	}
	return false
}

func (k *keySet) add(s string) {
	if k.set == nil && len(k.list) < 16 {
		k.list = append(k.list, s)
		return
	}
	if k.set == nil {
		k.set = make(map[string]bool, 32)
		for _, x := range k.list {
			k.set[x] = true
		}
		k.list = nil
	}
	k.set[s] = true
}
