package vote

import (
	"math"
	"slices"
)

// A poll's marks are stored packed when their options and levels are the
// poll's own (the common case): a packedMark holds no pointers, so storing
// a ballot copies a few bytes without write barriers and the garbage
// collector never scans the marks, in 8 bytes a mark. Write-ins and
// other marks (a count beyond 32 bits, a poll with more than 2^24
// options or 255 levels) keep their full form.
type packedMark struct {
	key   uint32 // option index in markCodec.options << 8 | level (0: none; else index in markCodec.levels + 1)
	count int32
}

// The limits of a packedMark.
const (
	packedLevelBits = 8
	packedMaxOption = 1<<(32-packedLevelBits) - 1 // largest option index
	packedMaxLevel  = 1<<packedLevelBits - 1      // largest level index + 1
)

func (p packedMark) option() int32 { return int32(p.key >> packedLevelBits) }
func (p packedMark) level() int32  { return int32(p.key & packedMaxLevel) }

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

// optionFrom is option trying index hint first: marks usually list
// options in the poll's order, so the next mark is most often the option
// after the previous one.
func (mc *markCodec) optionFrom(id OptionID, hint int32) int32 {
	if mc.index == nil && int(hint) < len(mc.options) && mc.options[hint] == id {
		return hint
	}
	return mc.option(id)
}

// pack appends ms packed to dst; false if they cannot all be packed (or
// mc is nil, or there are no marks).
func (mc *markCodec) pack(ms []Mark, dst []packedMark) ([]packedMark, bool) {
	if mc == nil || len(ms) == 0 || len(ms) > maxPacked || len(mc.options) > packedMaxOption+1 || len(mc.levels) > packedMaxLevel-1 {
		return nil, false
	}
	next := int32(0)
	for _, m := range ms {
		o := mc.optionFrom(m.Option, next)
		if o < 0 || m.Count < math.MinInt32 || m.Count > math.MaxInt32 {
			return nil, false
		}
		next = o + 1
		l := uint32(0)
		if m.Level != "" {
			i := slices.Index(mc.levels, m.Level)
			if i < 0 {
				return nil, false
			}
			l = uint32(i) + 1
		}
		dst = append(dst, packedMark{key: uint32(o)<<packedLevelBits | l, count: int32(m.Count)})
	}
	return dst, true
}

// unpack returns the marks ps stand for, in a new slice.
func (mc *markCodec) unpack(ps []packedMark) []Mark {
	ms := make([]Mark, len(ps))
	for i, p := range ps {
		ms[i] = Mark{Option: mc.options[p.option()], Count: int(p.count)}
		if l := p.level(); l > 0 {
			ms[i].Level = mc.levels[l-1]
		}
	}
	return ms
}
