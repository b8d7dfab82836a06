package agenda_test

import (
	"time"

	"github.com/gongzhi/gongzhi/calendar"
)

var calendarChina = calendar.China()

var cst = time.FixedZone("CST", 8*3600)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, cst) }
