package calendar_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/calendar"
)

// A notice or district calendar typed in Notepad and saved as ANSI (GBK on
// Chinese Windows) loaded with its holiday names as U+FFFD ("元旦" shown as
// "Ԫ��" by gongzhi calendar days); it is refused naming the line.
func TestLoadNotUTF8(t *testing.T) {
	notice := "{\"year\": 2028, \"source\": \"test\",\n \"holidays\": [{\"name\": \"\xd4\xaa\xb5\xa9\", \"from\": \"2028-01-01\", \"to\": \"2028-01-03\"}]}"
	_, err := calendar.LoadSchedule(strings.NewReader(notice))
	var ce *calendar.ConfigError
	if !errors.As(err, &ce) || !errors.Is(err, calendar.ErrInvalidConfig) || !strings.Contains(err.Error(), "not UTF-8 text (line 2)") {
		t.Errorf("GBK notice: %v", err)
	}
	if _, err := calendar.LoadSchedule(strings.NewReader(strings.Replace(notice, "\xd4\xaa\xb5\xa9", "元旦", 1))); err != nil {
		t.Errorf("UTF-8 notice: %v", err)
	}
	if _, err := calendar.Load(strings.NewReader("{\"zone\": \"Asia/Shanghai\xff\"}")); !errors.As(err, &ce) || !strings.Contains(err.Error(), "not UTF-8 text (line 1)") {
		t.Errorf("calendar: %v", err)
	}
}
