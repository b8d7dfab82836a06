package ticket

import (
	"strings"
	"unicode/utf8"
)

// Contact is the requester's contact (art. 10: the hotline records at least
// the time, the matter and the contact). It is personal information: View
// masks it for roles that do not need it.
type Contact struct {
	Name    string `json:"name,omitempty"`
	Phone   string `json:"phone,omitempty"`
	Email   string `json:"email,omitempty"`
	Address string `json:"address,omitempty"` // free text; the place itself is Ticket.Location
}

// IsZero reports whether no contact field is set (an anonymous report).
func (c Contact) IsZero() bool { return c == Contact{} }

// Masked returns c with the name reduced to its first character, the phone
// number to its first 3 and last 4 digits, the e-mail address to the first
// character of its local part and its domain, and the address removed: the
// usual display form on Chinese work orders ("张*", "138****5678",
// "z***@example.com").
func (c Contact) Masked() Contact {
	return Contact{Name: maskName(c.Name), Phone: maskPhone(c.Phone), Email: maskEmail(c.Email)}
}

func maskEmail(s string) string {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 {
		return maskName(s)
	}
	r, size := utf8.DecodeRuneInString(s)
	if size == at {
		return "*" + s[at:]
	}
	return string(r) + "***" + s[at:]
}

func maskName(s string) string {
	if s == "" {
		return ""
	}
	r, size := utf8.DecodeRuneInString(s)
	if size == len(s) {
		return "*"
	}
	return string(r) + "*"
}

func maskPhone(s string) string {
	n := utf8.RuneCountInString(s)
	if n == 0 {
		return ""
	}
	if n < 8 {
		out := make([]rune, n)
		for i := range out {
			out[i] = '*'
		}
		return string(out)
	}
	rs := []rune(s)
	for i := 3; i < n-4; i++ {
		rs[i] = '*'
	}
	return string(rs)
}

// SeesContact reports whether role needs the requester's full contact: the
// hotline (callback) and the handling unit (art. 15: contact the requester
// promptly) do; supervisors, residents viewing others' tickets and observers
// do not.
func SeesContact(r Role) bool { return r == HotlineRole || r == UnitRole }
