package project

import (
	"hash/maphash"
	"math"
)

// checkUnique rejects a repeated household id. Households listed in
// strictly ascending id order (as a register lists them) are unique
// without hashing.
func checkUnique(hs []Household) error {
	sorted := true
	for i := 1; i < len(hs); i++ {
		if hs[i-1].ID >= hs[i].ID {
			sorted = false
			break
		}
	}
	if sorted {
		return nil
	}
	if len(hs) >= math.MaxInt32/2 {
		return checkUniqueMap(hs)
	}
	// An open-addressing set of indices into hs (index+1, 0 = empty), at
	// most half full: cheaper than a map[HouseholdID] as it stores no
	// keys and needs no rehashing. The seed only spreads the ids; the
	// result does not depend on it.
	size := 1
	for size < 2*len(hs) {
		size <<= 1
	}
	table := make([]int32, size)
	mask := uint64(size - 1)
	seed := maphash.MakeSeed()
	for i, h := range hs {
		for p := maphash.String(seed, string(h.ID)) & mask; ; p = (p + 1) & mask {
			j := table[p]
			if j == 0 {
				table[p] = int32(i + 1)
				break
			}
			if hs[j-1].ID == h.ID {
				return duplicateError(h.ID)
			}
		}
	}
	return nil
}

func checkUniqueMap(hs []Household) error {
	seen := make(map[HouseholdID]struct{}, len(hs))
	for _, h := range hs {
		n := len(seen)
		if seen[h.ID] = struct{}{}; len(seen) == n { // one map operation, not two
			return duplicateError(h.ID)
		}
	}
	return nil
}

func duplicateError(id HouseholdID) error {
	return &InputError{ID: string(id), Field: "id", Reason: "duplicate household"}
}

func checkHousehold(h Household) error {
	id := string(h.ID)
	if h.ID == "" {
		return &InputError{Field: "id", Reason: "empty household id"}
	}
	if err := checkPrecision(h.Area); err != nil {
		return &InputError{ID: id, Field: "area", Reason: err.Error()}
	}
	if h.Area.IsNegative() {
		return &InputError{ID: id, Field: "area", Reason: "must not be negative"}
	}
	if h.Cap != nil {
		if err := checkPrecision(*h.Cap); err != nil {
			return &InputError{ID: id, Field: "cap", Reason: err.Error()}
		}
		if h.Cap.IsNegative() || !isFen(*h.Cap) {
			return &InputError{ID: id, Field: "cap", Reason: "must be a non-negative whole number of fen"}
		}
	}
	return nil
}
