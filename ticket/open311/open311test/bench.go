package open311test

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"

	"github.com/gongzhi/gongzhi/internal/cputime"
)

// BenchGet benchmarks h answering GET target (a path with its query, such
// as "/requests.json?jurisdiction_id=..."). A first answer must be 200
// and not empty; the timed loop then reports allocations and the process
// CPU time per request ("cpu-ns/op"), which a loaded machine disturbs
// less than wall time.
func BenchGet(b *testing.B, h http.Handler, target string) {
	b.Helper()
	req := httptest.NewRequest("GET", target, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 || len(rec.Body.String()) < 3 {
		b.Fatalf("status %d: %.200s", rec.Code, rec.Body.String())
	}
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cputime.Process()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
	}
	b.ReportMetric(float64(cputime.Process()-cpu)/float64(b.N), "cpu-ns/op")
}

// BenchJurisdictions runs BenchGet on the default search of each of the
// City's jurisdictions (CityDistrict, CitySubdistrict, CityBuilding) as
// sub-benchmarks named for them; h is a City's Handler over any store.
func BenchJurisdictions(b *testing.B, h http.Handler) {
	for _, j := range []string{CityDistrict, CitySubdistrict, CityBuilding} {
		b.Run(j, func(b *testing.B) { BenchGet(b, h, "/requests.json?jurisdiction_id="+j) })
	}
}
