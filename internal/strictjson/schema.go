package strictjson

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
)

// kind is how the checker treats the keys of an object decoded into a node.
type kind uint8

const (
	// kindAny is a value whose shape the checker does not know (an
	// interface, a scalar, a type with its own UnmarshalJSON): its objects
	// may not repeat a key, even up to case.
	kindAny kind = iota
	// kindStruct is a struct: keys must be field names, exactly.
	kindStruct
	// kindMap is a map: keys are data, compared exactly.
	kindMap
	// kindList is a slice or array of elem.
	kindList
)

// node is the expected shape of one JSON value.
type node struct {
	kind   kind
	fields map[string]*node // kindStruct: JSON name -> shape
	elem   *node            // kindMap, kindList
}

var anyNode = &node{kind: kindAny}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// schemaOf returns the shape expected for v, which should be a pointer.
func schemaOf(v any) *node {
	t := reflect.TypeOf(v)
	if t == nil {
		return anyNode
	}
	return build(t, map[reflect.Type]*node{})
}

func build(t reflect.Type, seen map[reflect.Type]*node) *node {
	if n, ok := seen[t]; ok {
		return n
	}
	if custom(t) {
		return anyNode
	}
	switch t.Kind() {
	case reflect.Pointer:
		return build(t.Elem(), seen)
	case reflect.Struct:
		n := &node{kind: kindStruct}
		seen[t] = n
		n.fields = map[string]*node{}
		for name, ft := range structFields(t) {
			n.fields[name] = build(ft, seen)
		}
		return n
	case reflect.Map:
		n := &node{kind: kindMap}
		seen[t] = n
		n.elem = build(t.Elem(), seen)
		return n
	case reflect.Slice, reflect.Array:
		n := &node{kind: kindList}
		seen[t] = n
		n.elem = build(t.Elem(), seen)
		return n
	}
	return anyNode
}

// custom reports whether values of t decode themselves.
func custom(t reflect.Type) bool {
	if t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(jsonUnmarshaler) {
		return true
	}
	if t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(textUnmarshaler) {
		return true
	}
	return t.Implements(jsonUnmarshaler) || t.Implements(textUnmarshaler)
}

// field is a candidate JSON field found while walking embedded structs.
type field struct {
	typ    reflect.Type
	depth  int
	tagged bool
}

// structFields returns the JSON field names of struct t with their types,
// following encoding/json: exported fields, json:"-" skipped, fields of
// untagged embedded structs promoted, and of several fields with one name
// the shallowest wins (at equal depth, the only tagged one; else none).
func structFields(t reflect.Type) map[string]reflect.Type {
	type level struct {
		t     reflect.Type
		depth int
	}
	found := map[string][]field{}
	queue := []level{{t, 0}}
	visited := map[reflect.Type]bool{}
	for len(queue) > 0 {
		l := queue[0]
		queue = queue[1:]
		if visited[l.t] {
			continue
		}
		visited[l.t] = true
		for i := range l.t.NumField() {
			f := l.t.Field(i)
			ft := f.Type
			if f.Anonymous {
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if !f.IsExported() && ft.Kind() != reflect.Struct {
					continue
				}
			} else if !f.IsExported() {
				continue
			}
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			if name == "" && f.Anonymous && ft.Kind() == reflect.Struct {
				queue = append(queue, level{ft, l.depth + 1})
				continue
			}
			tagged := name != ""
			if !tagged {
				name = f.Name
			}
			found[name] = append(found[name], field{typ: f.Type, depth: l.depth, tagged: tagged})
		}
	}
	out := make(map[string]reflect.Type, len(found))
	for name, fs := range found {
		if f, ok := dominant(fs); ok {
			out[name] = f.typ
		}
	}
	return out
}

// dominant picks the field that encoding/json uses among fields of one name.
func dominant(fs []field) (field, bool) {
	minDepth := fs[0].depth
	for _, f := range fs {
		minDepth = min(minDepth, f.depth)
	}
	var top []field
	for _, f := range fs {
		if f.depth == minDepth {
			top = append(top, f)
		}
	}
	if len(top) == 1 {
		return top[0], true
	}
	var tagged []field
	for _, f := range top {
		if f.tagged {
			tagged = append(tagged, f)
		}
	}
	if len(tagged) == 1 {
		return tagged[0], true
	}
	return field{}, false
}
