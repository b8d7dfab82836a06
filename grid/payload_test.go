package grid_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/grid"
)

func testKeyring() grid.Keyring {
	return grid.Keyring{Keys: []grid.Key{
		{ID: "dc-1", District: "dc", Secret: []byte("dongcheng-secret-one")},
		{ID: "dc-2", District: "dc", Secret: []byte("dongcheng-secret-two")},
		{ID: "xc-1", District: "xc", Secret: []byte("xicheng-secret-one!!")},
	}}
}

func TestPayload(t *testing.T) {
	tree := smallCity()
	if err := tree.Apply(grid.Batch{ID: "xc", At: day("2023-01-01"), Changes: []grid.Change{
		grid.Create("xc", "bj", grid.LevelDistrict, "110102", "西城区")}}); err != nil {
		t.Fatal(err)
	}
	kr := testKeyring()
	if err := kr.Validate(); err != nil {
		t.Fatal(err)
	}
	at := day("2024-03-01")
	sign := func(kid string, node grid.ID) string {
		s, err := kr.Sign(grid.Payload{KeyID: kid, Node: node, Code: "110101001001001000101", Issued: day("2024-01-01")})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	good := sign("dc-1", "b1u1")
	n, p, err := tree.Scan(kr, good, at)
	if err != nil || n.ID != "b1u1" || p.KeyID != "dc-1" || !p.Issued.Equal(day("2024-01-01")) {
		t.Fatalf("Scan = %+v %+v %v", n, p, err)
	}
	if vn, _, err := tree.At(at).Scan(kr, good); err != nil || vn != n {
		t.Errorf("View.Scan = %+v, %v", vn, err)
	}
	fault := func(err error) grid.PayloadFault {
		var pe *grid.PayloadError
		if !errors.As(err, &pe) || !errors.Is(err, grid.ErrInvalidPayload) {
			t.Fatalf("err = %v, want a *PayloadError", err)
		}
		return pe.Fault
	}
	// Rotation: the second key also verifies; revoking the first rejects its codes.
	if _, _, err := tree.Scan(kr, sign("dc-2", "b1u1"), at); err != nil {
		t.Errorf("rotated key: %v", err)
	}
	revoked := testKeyring()
	revoked.Keys[0].Revoked = true
	if _, _, err := tree.Scan(revoked, good, at); fault(err) != grid.FaultRevoked {
		t.Errorf("revoked key: %v", err)
	}
	// A Xicheng key cannot route to a Dongcheng building.
	if _, _, err := tree.Scan(kr, sign("xc-1", "b1u1"), at); fault(err) != grid.FaultDistrict {
		t.Errorf("cross-district payload: %v", err)
	}
	// A retired node no longer resolves.
	if _, _, err := tree.Scan(kr, good, day("2022-01-01")); fault(err) != grid.FaultPlace {
		t.Errorf("payload before the node existed: %v", err)
	}
	// Altering any byte of the payload is detected.
	for k := len("GZ1."); k < len(good); k++ {
		if good[k] == '.' {
			continue
		}
		alt := []byte(good)
		alt[k] = "AB"[btoi(alt[k] == 'A')]
		_, _, err := tree.Scan(kr, string(alt), at)
		if err == nil {
			t.Fatalf("altered byte %d accepted: %s", k, alt)
		}
	}
	// Forgery: a payload re-signed with a wrong secret under a real key id.
	forger := grid.Keyring{Keys: []grid.Key{{ID: "dc-1", Secret: []byte("guessed-secret-123")}}}
	forged, _ := forger.Sign(grid.Payload{KeyID: "dc-1", Node: "b1u1", Issued: day("2024-01-01")})
	if _, err := kr.Verify(forged); fault(err) != grid.FaultSignature {
		t.Errorf("forged payload: %v", err)
	}
	unknown := grid.Keyring{Keys: []grid.Key{{ID: "zz", Secret: []byte("0123456789abcdef")}}}
	other, _ := unknown.Sign(grid.Payload{KeyID: "zz", Node: "b1u1", Issued: day("2024-01-01")})
	if _, err := kr.Verify(other); fault(err) != grid.FaultUnknownKey {
		t.Errorf("unknown key: %v", err)
	}
	for _, s := range []string{"", "GZ1.", "GZ1..", "hello", "GZ1.abc.def", strings.Repeat("GZ1.", 400), good + "x"} {
		if _, err := kr.Verify(s); err == nil {
			t.Errorf("Verify(%q) accepted", s)
		}
	}
	if _, err := kr.Sign(grid.Payload{KeyID: "nope", Node: "b1"}); !errors.Is(err, grid.ErrInvalidConfig) {
		t.Errorf("Sign with an unknown key: %v", err)
	}
	bad := grid.Keyring{Keys: []grid.Key{{ID: "a", Secret: []byte("short")}}}
	if err := bad.Validate(); !errors.Is(err, grid.ErrInvalidConfig) {
		t.Errorf("short secret accepted: %v", err)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func FuzzVerify(f *testing.F) {
	kr := testKeyring()
	good, _ := kr.Sign(grid.Payload{KeyID: "dc-1", Node: "b1u1", Code: "110101001001001000101", Issued: time.Unix(1700000000, 0)})
	f.Add(good)
	f.Add("GZ1.")
	f.Add("GZ1.ZGMtMQpiMXUxCgow.AAAA")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := kr.Verify(s)
		if err != nil {
			if !errors.Is(err, grid.ErrInvalidPayload) {
				t.Fatalf("Verify error %v does not wrap ErrInvalidPayload", err)
			}
			return
		}
		// Anything that verifies must be exactly what the key signs.
		again, err := kr.Sign(p)
		if err != nil || again != s {
			t.Fatalf("verified payload %q re-signs as %q, %v", s, again, err)
		}
	})
}

// TestVerifyRefusesEmptySecret checks that a keyring that was never
// validated does not accept payloads forged with an empty (or short) key,
// which anyone can compute: Sign refuses such a key, and so does Verify.
func TestVerifyRefusesEmptySecret(t *testing.T) {
	for _, secret := range [][]byte{nil, {}, []byte("short")} {
		kr := grid.Keyring{Keys: []grid.Key{{ID: "k", Secret: secret}}}
		body := "k\nnode-1\n\n1700000000"
		head := "GZ1." + base64.RawURLEncoding.EncodeToString([]byte(body))
		m := hmac.New(sha256.New, secret)
		m.Write([]byte(head))
		forged := head + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
		_, err := kr.Verify(forged)
		var pe *grid.PayloadError
		if !errors.As(err, &pe) || pe.Fault != grid.FaultUnknownKey {
			t.Errorf("secret %q: Verify = %v, want FaultUnknownKey", secret, err)
		}
		if _, err := kr.Sign(grid.Payload{KeyID: "k", Node: "node-1", Issued: time.Unix(1700000000, 0)}); err == nil {
			t.Errorf("secret %q: Sign accepted", secret)
		}
	}
}

// TestVerifyOneStringPerPayload checks that a signed payload verifies only
// as Sign wrote it: encoding/base64 skips CR and LF, so a line break put
// anywhere into the head or the signature once verified too.
func TestVerifyOneStringPerPayload(t *testing.T) {
	kr := testKeyring()
	good, err := kr.Sign(grid.Payload{KeyID: "dc-1", Node: "b1u1", Code: "110101001001001000101", Issued: time.Unix(1700000000, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kr.Verify(good); err != nil {
		t.Fatalf("Verify(signed) = %v", err)
	}
	dot := strings.LastIndexByte(good, '.')
	for _, at := range []int{len("GZ1."), len("GZ1.") + 3, dot + 1, dot + 5, len(good)} {
		for _, brk := range []string{"\r", "\n", "\r\n"} {
			s := good[:at] + brk + good[at:]
			var pe *grid.PayloadError
			if _, err := kr.Verify(s); !errors.As(err, &pe) || pe.Fault != grid.FaultMalformed {
				t.Errorf("Verify(%q) = %v, want FaultMalformed", s, err)
			}
		}
	}
}
