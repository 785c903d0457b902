package auth

import (
	"errors"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
)

func TestHashPassword(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		const pw = "korrekt hest batteri"
		h, err := HashPassword(pw)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
			t.Errorf("hash %q does not carry the argon2id parameters", h)
		}
		if ok, err := CheckPassword(h, pw); err != nil || !ok {
			t.Errorf("CheckPassword(own hash) = %v, %v; want true", ok, err)
		}
		if ok, err := CheckPassword(h, pw+"!"); err != nil || ok {
			t.Errorf("CheckPassword(wrong password) = %v, %v; want false, nil", ok, err)
		}
		if h2, _ := HashPassword(pw); h2 == h {
			t.Errorf("two hashes of one password are equal: the salt is not random")
		}
	})
	t.Run("ErrTooShort", func(t *testing.T) {
		// Twelve characters, but "æøå" counts as three, not six bytes.
		if _, err := HashPassword("æøå123456789"); err != nil {
			t.Errorf("12 characters refused: %v", err)
		}
		_, err := HashPassword("kort-passor")
		if virk.ErrorCode(err) != virk.EINVALID || virk.ErrorMessage(err) != "passordet må ha minst 12 tegn (det har 11)" {
			t.Errorf("11 characters: %v", err)
		}
	})
}

func TestCheckPassword_KnownVectors(t *testing.T) {
	for _, tt := range []struct {
		name, encoded, pw string
	}{
		// The reference implementation's own test (phc-winner-argon2
		// src/test.c): argon2id, t=2, 64 MiB, one lane.
		{"Reference", "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", "password"},
		// virk's parameters with the salt "virk-fast-salt16", computed
		// once with argon2.IDKey: a stored hash must keep checking when
		// the code changes.
		{"Virk", "$argon2id$v=19$m=19456,t=2,p=1$dmlyay1mYXN0LXNhbHQxNg$RK59n0TSt0oWb1apK70KfFuoBI9CXtYJiIcOS9ZsdhQ", "korrekt hest batteri"},
		// The parameters may come in any order.
		{"Order", "$argon2id$v=19$p=1,t=2,m=19456$dmlyay1mYXN0LXNhbHQxNg$RK59n0TSt0oWb1apK70KfFuoBI9CXtYJiIcOS9ZsdhQ", "korrekt hest batteri"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if ok, err := CheckPassword(tt.encoded, tt.pw); err != nil || !ok {
				t.Errorf("CheckPassword = %v, %v; want true", ok, err)
			}
			if ok, err := CheckPassword(tt.encoded, tt.pw+" "); err != nil || ok {
				t.Errorf("wrong password: CheckPassword = %v, %v; want false", ok, err)
			}
		})
	}
}

func TestCheckPassword_Malformed(t *testing.T) {
	const salt, key = "dmlyay1mYXN0LXNhbHQxNg", "RK59n0TSt0oWb1apK70KfFuoBI9CXtYJiIcOS9ZsdhQ"
	for _, tt := range []struct{ name, encoded string }{
		{"Empty", ""},
		{"Plain", "hemmelig"},
		{"Bcrypt", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
		{"Argon2i", "$argon2i$v=19$m=19456,t=2,p=1$" + salt + "$" + key},
		{"OldVersion", "$argon2id$v=16$m=19456,t=2,p=1$" + salt + "$" + key},
		{"NoVersion", "$argon2id$m=19456,t=2,p=1$" + salt + "$" + key},
		{"MissingParam", "$argon2id$v=19$m=19456,t=2$" + salt + "$" + key},
		{"RepeatedParam", "$argon2id$v=19$m=19456,t=2,t=3,p=1$" + salt + "$" + key},
		{"UnknownParam", "$argon2id$v=19$m=19456,t=2,p=1,x=1$" + salt + "$" + key},
		{"SignedParam", "$argon2id$v=19$m=+19456,t=2,p=1$" + salt + "$" + key},
		{"ZeroTime", "$argon2id$v=19$m=19456,t=0,p=1$" + salt + "$" + key},
		{"ZeroThreads", "$argon2id$v=19$m=19456,t=2,p=0$" + salt + "$" + key},
		{"ManyThreads", "$argon2id$v=19$m=19456,t=2,p=300$" + salt + "$" + key},
		{"TinyMemory", "$argon2id$v=19$m=7,t=2,p=1$" + salt + "$" + key},
		{"HugeMemory", "$argon2id$v=19$m=4294967295,t=2,p=1$" + salt + "$" + key},
		{"Overflow", "$argon2id$v=19$m=99999999999,t=2,p=1$" + salt + "$" + key},
		{"ManyPasses", "$argon2id$v=19$m=19456,t=1000,p=1$" + salt + "$" + key},
		{"PaddedSalt", "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "==$" + key},
		{"ShortSalt", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$" + key},
		{"ShortHash", "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$AAAA"},
		{"URLAlphabet", "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + strings.ReplaceAll(key, "o", "-")},
		{"ExtraField", "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + key + "$"},
		{"LeadingText", "x$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + key},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := CheckPassword(tt.encoded, "korrekt hest batteri")
			if ok || !errors.Is(err, ErrMalformedHash) {
				t.Errorf("CheckPassword(%q) = %v, %v; want false, ErrMalformedHash", tt.encoded, ok, err)
			}
		})
	}
}

// FuzzCheckPassword: no stored string makes CheckPassword panic, and a
// string it accepts has parameters within the limits.
func FuzzCheckPassword(f *testing.F) {
	f.Add("$argon2id$v=19$m=19456,t=2,p=1$dmlyay1mYXN0LXNhbHQxNg$RK59n0TSt0oWb1apK70KfFuoBI9CXtYJiIcOS9ZsdhQ", "korrekt hest batteri")
	f.Add("$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", "password")
	f.Add("$argon2id$v=19$m=,t=,p=$$", "")
	f.Add("$$$$$", "x")
	f.Fuzz(func(t *testing.T, encoded, pw string) {
		p, _, _, err := decode(encoded)
		if err != nil {
			if ok, err2 := CheckPassword(encoded, pw); ok || err2 == nil {
				t.Fatalf("decode refused %q but CheckPassword = %v, %v", encoded, ok, err2)
			}
			return
		}
		if p.time < 1 || p.time > maxTime || p.threads < 1 || p.threads > maxThreads || p.memory > maxMemory {
			t.Fatalf("decode accepted out-of-range parameters %+v", p)
		}
		// Hashing with large accepted parameters is correct but slow;
		// the fuzzer looks for panics, so keep its iterations quick.
		if uint64(p.memory)*uint64(p.time) > 64*1024 {
			t.Skip()
		}
		CheckPassword(encoded, pw)
	})
}
