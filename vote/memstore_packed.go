package vote

import "slices"

// A poll's marks are stored packed when their options and levels are the
// poll's own (the common case): a packedMark holds no pointers, so storing
// a ballot copies a few bytes without write barriers and the garbage
// collector never scans the marks. Write-ins and other marks keep their
// full form.
type packedMark struct {
	option int32 // index in markCodec.options
	level  int32 // 0: none; else index in markCodec.levels + 1
	count  int64
}

// maxPacked is the most marks a ballot may have to be stored packed.
const maxPacked = 32

// markCodec packs and unpacks marks for one poll; it never changes once
// built (from the poll as it was when it opened).
type markCodec struct {
	options []OptionID
	index   map[OptionID]int32 // nil for few options: a linear search is faster
	levels  []string
}

func newMarkCodec(p Poll) *markCodec {
	mc := &markCodec{options: make([]OptionID, len(p.Options)), levels: slices.Clone(p.Rule.Levels)}
	for i, o := range p.Options {
		mc.options[i] = o.ID
	}
	if len(mc.options) > 16 {
		mc.index = make(map[OptionID]int32, len(mc.options))
		for i := len(mc.options) - 1; i >= 0; i-- {
			mc.index[mc.options[i]] = int32(i)
		}
	}
	return mc
}

func (mc *markCodec) option(id OptionID) int32 {
	if mc.index != nil {
		if i, ok := mc.index[id]; ok {
			return i
		}
		return -1
	}
	for i, o := range mc.options {
		if o == id {
			return int32(i)
		}
	}
	return -1
}

// pack appends ms packed to dst; false if they cannot all be packed (or
// mc is nil, or there are no marks).
func (mc *markCodec) pack(ms []Mark, dst []packedMark) ([]packedMark, bool) {
	if mc == nil || len(ms) == 0 || len(ms) > maxPacked {
		return nil, false
	}
	for _, m := range ms {
		o := mc.option(m.Option)
		if o < 0 {
			return nil, false
		}
		l := int32(0)
		if m.Level != "" {
			l = int32(slices.Index(mc.levels, m.Level)) + 1
			if l == 0 {
				return nil, false
			}
		}
		dst = append(dst, packedMark{option: o, level: l, count: int64(m.Count)})
	}
	return dst, true
}

// unpack returns the marks ps stand for, in a new slice.
func (mc *markCodec) unpack(ps []packedMark) []Mark {
	ms := make([]Mark, len(ps))
	for i, p := range ps {
		ms[i] = Mark{Option: mc.options[p.option], Count: int(p.count)}
		if p.level > 0 {
			ms[i].Level = mc.levels[p.level-1]
		}
	}
	return ms
}
