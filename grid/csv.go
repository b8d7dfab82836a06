package grid

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongzhi/gongzhi/internal/strictjson"
)

// csvColumns are the columns WriteCSV writes. ReadCSV requires code, name,
// level, parent_code, valid_from and valid_to, accepts id and parent_id, in
// any order, and rejects unknown columns; a column without a name (the
// trailing empty columns a spreadsheet exports) must be empty in every row.
var csvColumns = []string{"id", "code", "name", "level", "parent_id", "parent_code", "valid_from", "valid_to"}

// CSVHeader returns the columns WriteCSV writes, in order.
func CSVHeader() []string { return append([]string(nil), csvColumns...) }

var requiredColumns = []string{"code", "name", "level", "parent_code", "valid_from", "valid_to"}

// maxCSVField bounds a field's length, so that a hostile file cannot make
// the importer hold huge strings.
const maxCSVField = 4096

// ReadCSV reads records from UTF-8 CSV with a header row (see CSVHeader).
// Instants are RFC 3339 ("2024-06-01T00:00:00+08:00") or dates
// ("2024-06-01", midnight UTC); an empty valid_to means "still in effect".
// Codes are validated with ParseCode and levels checked against h. The
// first bad row fails the whole read with a *RecordError naming its line
// and column. Pass the records to PlanImport.
func ReadCSV(r io.Reader, h Hierarchy) ([]Record, error) {
	if err := h.Validate(); err != nil {
		return nil, err
	}
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &RecordError{Line: 1, Reason: "empty input, no header"}
		}
		return nil, csvError(err)
	}
	col := map[string]int{}
	var unnamed []int // columns without a name: a spreadsheet's trailing empty columns
	for k, name := range head {
		name = strings.TrimSpace(strings.TrimPrefix(name, "\ufeff"))
		if name == "" {
			unnamed = append(unnamed, k)
			continue
		}
		if !contains(csvColumns, name) {
			return nil, &RecordError{Line: 1, Field: name, Reason: "unknown column"}
		}
		if _, dup := col[name]; dup {
			return nil, &RecordError{Line: 1, Field: name, Reason: "duplicate column"}
		}
		col[name] = k
	}
	for _, name := range requiredColumns {
		if _, ok := col[name]; !ok {
			return nil, &RecordError{Line: 1, Field: name, Reason: "missing column"}
		}
	}
	var out []Record
	for line := 2; ; line++ {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, csvError(err)
		}
		for _, k := range unnamed {
			if strings.TrimSpace(row[k]) != "" {
				return nil, &RecordError{Line: line, Field: "column " + strconv.Itoa(k+1), Reason: "a value under a column without a name"}
			}
		}
		get := func(name string) (string, error) {
			k, ok := col[name]
			if !ok {
				return "", nil
			}
			v := row[k]
			if len(v) > maxCSVField {
				return "", &RecordError{Line: line, Field: name, Reason: "longer than " + strconv.Itoa(maxCSVField) + " bytes"}
			}
			if !utf8.ValidString(v) {
				return "", &RecordError{Line: line, Field: name, Reason: "not valid UTF-8"}
			}
			return strings.TrimSpace(v), nil
		}
		var rec Record
		var f [8]string
		for k, name := range csvColumns {
			if f[k], err = get(name); err != nil {
				return nil, err
			}
		}
		rec.ID, rec.Name, rec.Level, rec.ParentID = ID(f[0]), f[2], f[3], ID(f[4])
		if _, ok := h.Level(rec.Level); !ok {
			return nil, &RecordError{Line: line, Field: "level", Reason: "unknown level " + strconv.Quote(rec.Level)}
		}
		for _, c := range []struct {
			name string
			in   string
			out  *Code
		}{{"code", f[1], &rec.Code}, {"parent_code", f[5], &rec.ParentCode}} {
			if c.in == "" {
				continue
			}
			code, err := ParseCode(c.in)
			if err != nil {
				return nil, &RecordError{Line: line, Field: c.name, Reason: err.Error()}
			}
			*c.out = code
		}
		if rec.ValidFrom, err = parseInstant(f[6]); err != nil || rec.ValidFrom.IsZero() {
			return nil, &RecordError{Line: line, Field: "valid_from", Reason: "not an RFC 3339 instant or a date"}
		}
		if f[7] != "" {
			if rec.ValidTo, err = parseInstant(f[7]); err != nil || !rec.ValidTo.After(rec.ValidFrom) {
				return nil, &RecordError{Line: line, Field: "valid_to", Reason: "not an instant after valid_from"}
			}
		}
		out = append(out, rec)
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &RecordError{Line: pe.StartLine, Reason: pe.Err.Error()}
	}
	return err
}

func parseInstant(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	var t time.Time
	var err error
	if len(s) == len(time.DateOnly) {
		t, err = time.Parse(time.DateOnly, s)
	} else {
		t, err = time.Parse(time.RFC3339Nano, s)
	}
	if err != nil {
		return time.Time{}, err
	}
	if !validInstant(t) {
		return time.Time{}, errors.New("out of range")
	}
	return t, nil
}

func formatInstant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	if t.Equal(t.Truncate(24 * time.Hour)) {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339Nano)
}

// WriteCSV writes the tree's full history (Records) as CSV with the
// CSVHeader columns. Dates at midnight UTC are written as dates, other
// instants as RFC 3339 in UTC.
func WriteCSV(w io.Writer, t *Tree) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvColumns); err != nil {
		return err
	}
	for _, r := range t.Records() {
		if err := cw.Write([]string{string(r.ID), string(r.Code), r.Name, r.Level, string(r.ParentID),
			string(r.ParentCode), formatInstant(r.ValidFrom), formatInstant(r.ValidTo)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSON writes the tree's full history (Records) as a JSON array.
func WriteJSON(w io.Writer, t *Tree) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	recs := t.Records()
	if recs == nil {
		recs = []Record{}
	}
	return enc.Encode(recs)
}

// ReadJSON reads a JSON array of records (as WriteJSON writes), rejecting
// unknown fields, duplicate keys, keys that differ from a field only by
// case and trailing data, and checks levels and codes like ReadCSV.
func ReadJSON(r io.Reader, h Hierarchy) ([]Record, error) {
	if err := h.Validate(); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &RecordError{Line: 0, Reason: err.Error()}
	}
	var recs []Record
	if err := strictjson.Decode(data, &recs); err != nil {
		return nil, &RecordError{Line: 0, Reason: err.Error()}
	}
	for k := range recs {
		rec := &recs[k]
		if _, ok := h.Level(rec.Level); !ok {
			return nil, &RecordError{Line: k + 1, Field: "level", Reason: "unknown level " + strconv.Quote(rec.Level)}
		}
		for _, c := range []*Code{&rec.Code, &rec.ParentCode} {
			if *c == "" {
				continue
			}
			code, err := ParseCode(string(*c))
			if err != nil {
				return nil, &RecordError{Line: k + 1, Field: "code", Reason: err.Error()}
			}
			*c = code
		}
	}
	return recs, nil
}

// LoadHierarchy reads a Hierarchy from a JSON config, rejecting unknown
// fields, duplicate keys, keys that differ from a field only by case and
// trailing data, and validates it.
func LoadHierarchy(r io.Reader) (Hierarchy, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Hierarchy{}, &ConfigError{Field: "(json)", Reason: err.Error()}
	}
	var h Hierarchy
	if err := strictjson.Decode(data, &h); err != nil {
		return Hierarchy{}, &ConfigError{Field: "(json)", Reason: err.Error()}
	}
	return h, h.Validate()
}

// Load builds a tree with hierarchy h from records: it plans the batches
// (PlanImport, IDs prefixed "import") and applies them in order.
func Load(h Hierarchy, recs []Record) (*Tree, error) {
	bs, err := PlanImport(h, recs, "import")
	if err != nil {
		return nil, err
	}
	t, err := NewTreeSize(h, len(recs))
	if err != nil {
		return nil, err
	}
	for _, b := range bs {
		if err := t.Apply(b); err != nil {
			return nil, err
		}
	}
	return t, nil
}
