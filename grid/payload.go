package grid

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// Key is a district's secret for signing scan-to-report payloads (一楼一码).
// Keys rotate: add a new key, sign new codes with it, and revoke the old
// key once its codes have been replaced.
type Key struct {
	// ID names the key inside every payload it signs.
	ID string `json:"id"`
	// District is the node the key speaks for: a payload signed with it
	// must name a place inside that node's subtree. Empty means anywhere.
	District ID `json:"district,omitempty"`
	// Secret is the HMAC-SHA256 key, at least 16 bytes (base64 in JSON).
	Secret []byte `json:"secret"`
	// Revoked keys no longer verify: their payloads are rejected.
	Revoked bool `json:"revoked,omitempty"`
}

// Keyring holds the keys that sign and verify payloads.
type Keyring struct {
	Keys []Key `json:"keys"`
}

// MinSecret is the minimum length of a Key's secret, in bytes.
const MinSecret = 16

// Validate reports the first problem of the keyring as a *ConfigError.
func (kr Keyring) Validate() error {
	seen := map[string]bool{}
	for i, k := range kr.Keys {
		f := "keys[" + strconv.Itoa(i) + "]"
		switch {
		case k.ID == "" || strings.ContainsAny(k.ID, "\n"):
			return &ConfigError{Field: f + ".id", Reason: "empty or contains a newline"}
		case seen[k.ID]:
			return &ConfigError{Field: f + ".id", Reason: "duplicate key id " + strconv.Quote(k.ID)}
		case len(k.Secret) < MinSecret:
			return &ConfigError{Field: f + ".secret", Reason: "shorter than " + strconv.Itoa(MinSecret) + " bytes"}
		}
		seen[k.ID] = true
	}
	return nil
}

func (kr Keyring) key(id string) (Key, bool) {
	for _, k := range kr.Keys {
		if k.ID == id {
			return k, true
		}
	}
	return Key{}, false
}

// Payload is what a scan-to-report QR code says: which place, signed with
// which key, when. The place is named by its ID (codes may be reused); the
// code is printed for people and for audit.
type Payload struct {
	KeyID  string    `json:"key"`
	Node   ID        `json:"node"`
	Code   Code      `json:"code,omitempty"`
	Issued time.Time `json:"issued"` // whole seconds
}

// PayloadFault classifies a rejected payload.
type PayloadFault uint8

// Payload faults.
const (
	FaultMalformed  PayloadFault = iota + 1 // not a payload of this format
	FaultUnknownKey                         // signed with a key the keyring does not hold
	FaultRevoked                            // signed with a revoked key
	FaultSignature                          // forged or altered: the signature does not match
	FaultDistrict                           // names a place outside the key's district
	FaultPlace                              // names a place not in effect
)

var faultNames = [...]string{"", "malformed", "unknown key", "revoked key", "bad signature", "outside the key's district", "place not in effect"}

// String returns the fault's stable description.
func (f PayloadFault) String() string {
	if int(f) < len(faultNames) {
		return faultNames[f]
	}
	return "PayloadFault(" + strconv.Itoa(int(f)) + ")"
}

// payloadPrefix starts every payload: format version 1.
const payloadPrefix = "GZ1."

// maxPayload bounds what Verify reads.
const maxPayload = 1024

var b64 = base64.RawURLEncoding.Strict()

// Sign returns the text to put in a QR code for p, signed with key p.KeyID:
// "GZ1." + base64url(body) + "." + base64url(HMAC-SHA256(secret, everything
// before the last dot)). It returns a *ConfigError for an unknown or
// revoked key and a *PayloadError for fields that cannot be encoded
// (newlines, an empty node, a zero Issued). Issued is kept to the second.
func (kr Keyring) Sign(p Payload) (string, error) {
	k, ok := kr.key(p.KeyID)
	if !ok || k.Revoked || len(k.Secret) < MinSecret {
		return "", &ConfigError{Field: "keys", Reason: "no usable key " + strconv.Quote(p.KeyID)}
	}
	if p.Node == "" || strings.ContainsAny(string(p.Node)+string(p.Code)+p.KeyID, "\n") {
		return "", &PayloadError{KeyID: p.KeyID, Fault: FaultMalformed, Reason: "empty node or newline in a field"}
	}
	if p.Issued.IsZero() || !validInstant(p.Issued) {
		return "", &PayloadError{KeyID: p.KeyID, Fault: FaultMalformed, Reason: "issued instant missing or out of range"}
	}
	body := p.KeyID + "\n" + string(p.Node) + "\n" + string(p.Code) + "\n" + strconv.FormatInt(p.Issued.Unix(), 10)
	head := payloadPrefix + b64.EncodeToString([]byte(body))
	return head + "." + b64.EncodeToString(mac(k.Secret, head)), nil
}

func mac(secret []byte, head string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(head))
	return m.Sum(nil)
}

// Verify checks a scanned payload's format and signature and returns its
// content. Any failure is a *PayloadError (wrapping ErrInvalidPayload)
// whose Fault says why; a forged or altered payload fails with
// FaultSignature. A key whose secret is shorter than MinSecret (an
// unvalidated keyring) verifies nothing: FaultUnknownKey, as Sign refuses
// it. Verify does not check the place itself: use Tree.Scan or
// View.Scan for that.
func (kr Keyring) Verify(s string) (Payload, error) {
	bad := func(kid string, f PayloadFault) (Payload, error) {
		return Payload{}, &PayloadError{KeyID: kid, Fault: f, Reason: f.String()}
	}
	if len(s) > maxPayload || !strings.HasPrefix(s, payloadPrefix) {
		return bad("", FaultMalformed)
	}
	// encoding/base64 skips CR and LF even in strict mode, so a payload
	// with a line break inserted would verify as well: one signed content
	// would have many strings, and a scanner that remembers codes by
	// their string could be replayed past. Only the exact string Sign
	// wrote verifies.
	if strings.ContainsAny(s, "\r\n") {
		return bad("", FaultMalformed)
	}
	dot := strings.LastIndexByte(s, '.')
	if dot < len(payloadPrefix) {
		return bad("", FaultMalformed)
	}
	head, sig := s[:dot], s[dot+1:]
	body, err := b64.DecodeString(head[len(payloadPrefix):])
	if err != nil {
		return bad("", FaultMalformed)
	}
	got, err := b64.DecodeString(sig)
	if err != nil || len(got) != sha256.Size {
		return bad("", FaultMalformed)
	}
	parts := strings.Split(string(body), "\n")
	if len(parts) != 4 || parts[0] == "" || parts[1] == "" {
		return bad("", FaultMalformed)
	}
	secs, err := strconv.ParseInt(parts[3], 10, 64)
	if err != nil || secs < minInstant.Unix() || secs > maxInstant.Unix() {
		return bad("", FaultMalformed)
	}
	kid := parts[0]
	k, ok := kr.key(kid)
	if !ok {
		return bad(kid, FaultUnknownKey)
	}
	if len(k.Secret) < MinSecret { // as Sign: an empty or short secret signs nothing
		return Payload{}, &PayloadError{KeyID: kid, Fault: FaultUnknownKey, Reason: "key has no usable secret (shorter than " + strconv.Itoa(MinSecret) + " bytes)"}
	}
	if !hmac.Equal(got, mac(k.Secret, head)) {
		return bad(kid, FaultSignature)
	}
	if k.Revoked {
		return bad(kid, FaultRevoked)
	}
	return Payload{KeyID: kid, Node: ID(parts[1]), Code: Code(parts[2]), Issued: time.Unix(secs, 0).UTC()}, nil
}

// Scan verifies a scanned payload and resolves it to the place it names as
// the tree is at instant at. Besides Verify's faults it rejects a place not
// in effect (FaultPlace) and a place outside the key's district
// (FaultDistrict), so a code signed by one district's key can never route
// to another district.
func (t *Tree) Scan(kr Keyring, s string, at time.Time) (Node, Payload, error) {
	p, err := kr.Verify(s)
	if err != nil {
		return Node{}, Payload{}, err
	}
	n, err := t.Node(p.Node, at)
	if err != nil {
		return Node{}, Payload{}, &PayloadError{KeyID: p.KeyID, Fault: FaultPlace, Reason: FaultPlace.String()}
	}
	if k, _ := kr.key(p.KeyID); k.District != "" && !t.Within(p.Node, k.District, at) {
		return Node{}, Payload{}, &PayloadError{KeyID: p.KeyID, Fault: FaultDistrict, Reason: FaultDistrict.String()}
	}
	return n, p, nil
}

// Scan is Tree.Scan at the view's instant.
func (v *View) Scan(kr Keyring, s string) (Node, Payload, error) {
	p, err := kr.Verify(s)
	if err != nil {
		return Node{}, Payload{}, err
	}
	n, err := v.Node(p.Node)
	if err != nil {
		return Node{}, Payload{}, &PayloadError{KeyID: p.KeyID, Fault: FaultPlace, Reason: FaultPlace.String()}
	}
	if k, _ := kr.key(p.KeyID); k.District != "" && !v.Within(p.Node, k.District) {
		return Node{}, Payload{}, &PayloadError{KeyID: p.KeyID, Fault: FaultDistrict, Reason: FaultDistrict.String()}
	}
	return n, p, nil
}
