package report

import "encoding/json"

// jsonOf is the JSON text of v, for comparing rules.
func jsonOf(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}
