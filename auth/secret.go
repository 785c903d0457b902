package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// secretBytes is the randomness of a secret: 256 bits, so that the
// stored hash needs no salt or slow hashing to resist guessing.
const secretBytes = 32

// PrefixLen is how many characters of a secret are kept in the clear
// (virk.Token.Prefix), so that a user can tell tokens apart in a listing.
const PrefixLen = 12

// NewSecret returns a new random secret (32 bytes from crypto/rand,
// base64url without padding) after prefix, e.g. "virk_…"; its hash, as
// HashSecret computes it, for the store; and its first PrefixLen
// characters to show in listings. Only the hash and the shown part may
// be stored: the secret itself is handed to the user once.
func NewSecret(prefix string) (secret, hash, shown string) {
	b := make([]byte, secretBytes)
	// crypto/rand.Read never fails (Go 1.24): it crashes the program
	// rather than return predictable bytes.
	rand.Read(b)
	secret = prefix + base64.RawURLEncoding.EncodeToString(b)
	return secret, HashSecret(secret), secret[:min(PrefixLen, len(secret))]
}

// HashSecret returns the hex SHA-256 of a secret: what virk.Token.Hash
// and virk.Session.ID hold. A fast hash is enough because the secret is
// random, unlike a password.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
