package sqlite_test

import (
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/adapters/sqlite"
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
	open311test.BenchJurisdictions(b, city.Handler)
}
