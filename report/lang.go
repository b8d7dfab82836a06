package report

import (
	"fmt"
	"strings"
)

// Lang is the language of a report's headings and explanations.
type Lang string

// The languages.
const (
	Chinese Lang = "zh"
	English Lang = "en"
)

// ParseLang checks a language given by a user ("zh" or "en"; "" is
// Chinese).
func ParseLang(s string) (Lang, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "zh", "zh-cn", "cn", "":
		return Chinese, nil
	case "en":
		return English, nil
	}
	return "", fmt.Errorf("report: unknown language %q; zh or en", s)
}

// T returns the message key in l, formatted with args like fmt.Sprintf.
// An unknown key renders as itself, so a missing translation shows up in
// golden tests rather than as an empty heading.
func (l Lang) T(key string, args ...any) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	s := m[0]
	if l == English {
		s = m[1]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Title returns zh when l is Chinese and en otherwise (falling back to the
// other when one is empty).
func (l Lang) Title(zh, en string) string {
	if l == English && en != "" || zh == "" {
		return en
	}
	return zh
}

// TOr returns the message key in l, or fallback when the catalogue has no
// such key (a level or check named by a district's own rule).
func (l Lang) TOr(key, fallback string) string {
	if _, ok := messages[key]; !ok {
		return fallback
	}
	return l.T(key)
}
