package grid

// Summoners lists the names of the levels whose bodies may summon
// departments to report (街乡吹哨、部门报到): subdistricts and townships
// (街道/乡镇). In DefaultHierarchy both are the "subdistrict" level; a
// hierarchy that keeps townships apart names that level "township".
//
// Source: 北京市接诉即办工作条例 (2021) art. 16 (streets and townships blow
// the whistle, district departments report); 北京市街道办事处条例 (2019)
// art. 5.
func Summoners() []string { return []string{"subdistrict", "township"} }

// MaySummon reports whether a body at the level named level (a
// LevelDef.Name, e.g. "subdistrict") may summon departments to report:
// only subdistricts and townships may (Summoners). It is the one rule
// that the ticket and agenda packages both apply.
func MaySummon(level string) bool {
	for _, s := range Summoners() {
		if level == s {
			return true
		}
	}
	return false
}

// MaySummon reports whether a body at level l of h may summon departments
// (see the package function MaySummon).
func (h Hierarchy) MaySummon(l Level) bool { return MaySummon(h.Name(l)) }
