package ticket

import "github.com/gongzhi/gongzhi/internal/strictjson"

// decodeStrict decodes exactly one JSON value into v, rejecting unknown
// fields, duplicate keys, keys that differ from a field only by case and
// trailing data (see internal/strictjson).
func decodeStrict(data []byte, v any) error {
	return strictjson.Decode(data, v)
}
