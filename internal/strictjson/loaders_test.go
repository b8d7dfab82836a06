package strictjson_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/vote"
	"github.com/gongzhi/gongzhi/vote/pb"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

// TestEveryLoaderIsStrict takes a document each loader accepts (a preset
// printed to JSON) and checks that the same document with its first key
// repeated, or with that key in another case, is refused: Go's decoder
// alone accepts both (the last duplicate wins; keys match in any case).
func TestEveryLoaderIsStrict(t *testing.T) {
	marshal := func(v any) []byte {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	poll := vote.Poll{ID: "p", Rule: vote.ProjectPriorities(), Options: []vote.Option{{ID: "a"}, {ID: "b"}}}
	loaders := []struct {
		name string
		doc  []byte
		load func([]byte) error
	}{
		{"vote.ParseRule", marshal(vote.ProjectPriorities()), func(b []byte) error { _, err := vote.ParseRule(b); return err }},
		{"vote.ParsePoll", marshal(poll), func(b []byte) error { _, err := vote.ParsePoll(b); return err }},
		{"vote.DecodeBallot", []byte(`{"id":"b1","marks":[{"option":"a"}]}`), func(b []byte) error { _, err := vote.DecodeBallot(b); return err }},
		{"ranked.ParseRule", marshal(ranked.MinneapolisIRV()), func(b []byte) error { _, err := ranked.ParseRule(b); return err }},
		{"pb.ParseRule", marshal(pb.EqualSharesAdd1()), func(b []byte) error { _, err := pb.ParseRule(b); return err }},
		{"project.ParseSharingRule", marshal(project.AreaSplit()), func(b []byte) error { _, err := project.ParseSharingRule(b); return err }},
		{"grid.LoadHierarchy", marshal(grid.DefaultHierarchy()), func(b []byte) error { _, err := grid.LoadHierarchy(bytes.NewReader(b)); return err }},
		{"agenda.LoadPolicy", marshal(agenda.Beijing()), func(b []byte) error { _, err := agenda.LoadPolicy(bytes.NewReader(b)); return err }},
		{"calendar.LoadSchedule", marshal(calendar.China2026()), func(b []byte) error { _, err := calendar.LoadSchedule(bytes.NewReader(b)); return err }},
	}
	for _, l := range loaders {
		t.Run(l.name, func(t *testing.T) {
			if err := l.load(l.doc); err != nil {
				t.Fatalf("the preset's own JSON is refused: %v\n%s", err, l.doc)
			}
			key, value := firstMember(t, l.doc)
			rest := strings.TrimPrefix(string(l.doc), "{"+key+":"+value)
			dup := "{" + key + ":" + value + "," + key + ":" + value + rest
			if err := l.load([]byte(dup)); err == nil {
				t.Errorf("a repeated key %s is accepted", key)
			}
			upper := strings.ToUpper(key)
			if upper == key {
				t.Skipf("first key %s has no case", key)
			}
			if err := l.load([]byte("{" + upper + ":" + value + rest)); err == nil {
				t.Errorf("the case variant %s of %s is accepted", upper, key)
			}
		})
	}
}

// firstMember returns the first key (quoted) and value (raw) of a JSON
// object as written in doc.
func firstMember(t *testing.T, doc []byte) (string, string) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %s", doc)
	}
	k, err := dec.Token()
	if err != nil {
		t.Fatal(err)
	}
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		t.Fatal(err)
	}
	key := string(marshalString(k.(string)))
	if !strings.HasPrefix(string(doc), "{"+key+":"+string(raw)) {
		t.Fatalf("cannot find the first member in %s", doc)
	}
	return key, string(raw)
}

func marshalString(s string) []byte {
	b, _ := json.Marshal(s)
	return b
}
