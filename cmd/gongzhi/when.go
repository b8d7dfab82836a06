package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// clerkTime matches a day as a clerk writes it, 2026-12-06, 2026/12/6,
// 2026.12.06 or 2026年12月6日, optionally followed by a time of day
// (T10:00, " 10:00", "10:00:30").
var clerkTime = regexp.MustCompile(`^([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?(?:(?:T|\s+)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?)?$`)

// fullWidth folds full-width digits and the punctuation of dates and times
// (２０２６／１２／６ １０：００) into ASCII.
var fullWidth = strings.NewReplacer("０", "0", "１", "1", "２", "2", "３", "3", "４", "4", "５", "5", "６", "6", "７", "7", "８", "8", "９", "9",
	"－", "-", "／", "/", "．", ".", "：", ":", "\u3000", " ")

// parseWhen reads an instant from the command line: RFC 3339, or a day in
// any of the forms of clerkTime (full-width digits too) with an optional
// time of day, in loc; a day alone is at hour h of that day. The error
// names the accepted forms, or says the day does not exist.
func parseWhen(s string, loc *time.Location, h int) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(loc), nil
	}
	m := clerkTime.FindStringSubmatch(strings.TrimSpace(fullWidth.Replace(s)))
	if m == nil {
		return time.Time{}, fmt.Errorf("%q is not a date: write 2026-12-06 (or 2026/12/6, 2026.12.06, 2026年12月6日), optionally with a time such as 10:00 (in %s), or an RFC 3339 instant", s, loc)
	}
	n := make([]int, len(m))
	for i, p := range m[1:] {
		n[i+1], _ = strconv.Atoi(p) // digits only; "" is 0
	}
	y, mo, d, mi, sec := n[1], n[2], n[3], n[5], n[6]
	if m[4] != "" {
		h = n[4]
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, 0, loc)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, fmt.Errorf("%q: no such day or time", s)
	}
	return t, nil
}
