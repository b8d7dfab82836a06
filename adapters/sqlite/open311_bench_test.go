package sqlite_test

import (
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/adapters/sqlite"
	"github.com/gongzhi/gongzhi/internal/cputime"
	"github.com/gongzhi/gongzhi/ticket/open311/open311test"
)

// BenchmarkOpen311Jurisdiction100k answers the Open311 default search
// (the last 90 days, newest first, at most 1000) of each jurisdiction of
// the open311test City over 100,000 tickets in a SQLite file: the
// district, one subdistrict (a tenth of the tickets) and one building (a
// thousandth). The place column of migration 9 and its index let the
// building cost what it returns.
func BenchmarkOpen311Jurisdiction100k(b *testing.B) {
	now := time.Date(2026, 6, 10, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))
	city, err := open311test.NewCity(func() time.Time { return now }, sqlite.NewTicketStore(openDB(b)), 100_000)
	if err != nil {
		b.Fatal(err)
	}
	for _, j := range []string{open311test.CityDistrict, open311test.CitySubdistrict, open311test.CityBuilding} {
		b.Run(j, func(b *testing.B) {
			req := httptest.NewRequest("GET", "/requests.json?jurisdiction_id="+j, nil)
			rec := httptest.NewRecorder()
			city.Handler.ServeHTTP(rec, req)
			if rec.Code != 200 || len(rec.Body.String()) < 3 {
				b.Fatalf("status %d: %.200s", rec.Code, rec.Body.String())
			}
			runtime.GC()
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cputime.Process()
			for b.Loop() {
				rec := httptest.NewRecorder()
				city.Handler.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatalf("status %d", rec.Code)
				}
			}
			b.ReportMetric(float64(cputime.Process()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}
