package auth

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"
)

func TestNewSecret(t *testing.T) {
	for _, tt := range []struct {
		name, prefix string
	}{
		{"Token", "virk_"},
		{"LoginLink", "virk_lenke_"},
		{"Session", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			secret, hash, shown := NewSecret(tt.prefix)
			body, ok := strings.CutPrefix(secret, tt.prefix)
			if !ok {
				t.Fatalf("secret %q lacks the prefix %q", secret, tt.prefix)
			}
			if b, err := base64.RawURLEncoding.DecodeString(body); err != nil || len(b) != 32 {
				t.Errorf("secret body %q: %d bytes, %v; want 32 bytes of base64url", body, len(b), err)
			}
			if sum := sha256.Sum256([]byte(secret)); hash != hex.EncodeToString(sum[:]) || hash != HashSecret(secret) {
				t.Errorf("hash %q is not the hex SHA-256 of the secret", hash)
			}
			if shown != secret[:PrefixLen] {
				t.Errorf("shown %q, want the first %d characters of %q", shown, PrefixLen, secret)
			}
			if again, _, _ := NewSecret(tt.prefix); again == secret {
				t.Errorf("two secrets are equal")
			}
		})
	}
}

func TestHashSecret(t *testing.T) {
	// echo -n abc | sha256sum
	if got, want := HashSecret("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; got != want {
		t.Errorf("HashSecret(abc) = %s, want %s", got, want)
	}
}
