// Package auth hashes passwords and makes the random secrets of sessions,
// API tokens and login links. It keeps nothing: the store holds the
// hashes, and the secrets are shown once and then forgotten.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/virk-analyse/virk"
	"golang.org/x/crypto/argon2"
)

// Argon2id parameters for new hashes: the first of OWASP's recommended
// settings (19 MiB, two passes, one lane), which RFC 9106 allows for
// memory-constrained servers. They cost about 20–30 ms a login on one
// core, slow enough for a guesser and cheap enough for a small server.
// Stored hashes carry their own parameters, so these may be raised
// later without locking anyone out.
const (
	argonMemory  = 19 * 1024 // KiB
	argonTime    = 2
	argonThreads = 1
	saltLen      = 16
	keyLen       = 32
)

// MinPasswordLen is the shortest password HashPassword accepts, in
// characters. Length is what makes a password hard to guess (NIST SP
// 800-63B), so there are no rules for digits or symbols.
const MinPasswordLen = 12

// Limits on the parameters CheckPassword accepts from a stored string, so
// that a damaged or planted hash cannot make a login take minutes or
// gigabytes.
const (
	maxMemory  = 1 << 20 // KiB: 1 GiB
	maxTime    = 32
	maxThreads = 64
	minSalt    = 8
	maxSalt    = 64
	minKey     = 16
	maxKey     = 128
)

// ErrMalformedHash is wrapped by CheckPassword's error for a stored string
// that is not an argon2id hash in the PHC format.
var ErrMalformedHash = errors.New("auth: malformed password hash")

// b64 is the PHC string format's base64: standard alphabet, no padding.
var b64 = base64.RawStdEncoding

// params are the argon2id settings of one hash.
type params struct {
	memory  uint32
	time    uint32
	threads uint8
}

// HashPassword returns pw's argon2id hash with a new random salt, in the
// PHC string format "$argon2id$v=19$m=19456,t=2,p=1$SALT$HASH". A
// password shorter than MinPasswordLen gives EINVALID.
func HashPassword(pw string) (string, error) {
	if n := utf8.RuneCountInString(pw); n < MinPasswordLen {
		return "", virk.Errorf(virk.EINVALID, "passordet må ha minst %d tegn (det har %d)", MinPasswordLen, n)
	}
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password salt: %w", err)
	}
	p := params{memory: argonMemory, time: argonTime, threads: argonThreads}
	return encode(p, salt, argon2.IDKey([]byte(pw), salt, p.time, p.memory, p.threads, keyLen)), nil
}

// CheckPassword reports whether pw is the password of the encoded hash,
// comparing in constant time. It reads the parameters from the string,
// so hashes made with other settings still check. A string that is not
// an argon2id PHC hash gives false and an error wrapping
// ErrMalformedHash.
func CheckPassword(encoded, pw string) (bool, error) {
	p, salt, want, err := decode(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(pw), salt, p.time, p.memory, p.threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// encode writes a hash in the PHC string format.
func encode(p params, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.memory, p.time, p.threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// decode reads a PHC string and checks every part against the limits.
func decode(encoded string) (params, []byte, []byte, error) {
	var p params
	bad := func(why string) (params, []byte, []byte, error) {
		return params{}, nil, nil, fmt.Errorf("%w: %s", ErrMalformedHash, why)
	}
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" {
		return bad("expected $argon2id$v=19$m=…,t=…,p=…$salt$hash")
	}
	if parts[1] != "argon2id" {
		return bad(fmt.Sprintf("algorithm %q is not argon2id", parts[1]))
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return bad(fmt.Sprintf("version %q is not v=%d", parts[2], argon2.Version))
	}
	seen := map[string]bool{}
	for _, kv := range strings.Split(parts[3], ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || seen[k] {
			return bad(fmt.Sprintf("parameter %q", kv))
		}
		seen[k] = true
		// Digits only: ParseUint would also take "+1" or "0x10".
		if v == "" || strings.Trim(v, "0123456789") != "" || len(v) > 10 {
			return bad(fmt.Sprintf("parameter %q is not a number", kv))
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return bad(fmt.Sprintf("parameter %q is not a number", kv))
		}
		switch k {
		case "m":
			p.memory = uint32(n)
		case "t":
			p.time = uint32(n)
		case "p":
			if n > maxThreads {
				return bad(fmt.Sprintf("p=%d is above %d", n, maxThreads))
			}
			p.threads = uint8(n)
		default:
			return bad(fmt.Sprintf("unknown parameter %q", k))
		}
	}
	switch {
	case !seen["m"] || !seen["t"] || !seen["p"]:
		return bad("m, t and p are all required")
	case p.time < 1 || p.time > maxTime:
		return bad(fmt.Sprintf("t=%d is outside 1–%d", p.time, maxTime))
	case p.threads < 1:
		return bad("p must be at least 1")
	// RFC 9106 §3.1: at least 8 KiB per lane.
	case p.memory < 8*uint32(p.threads) || p.memory > maxMemory:
		return bad(fmt.Sprintf("m=%d is outside 8·p–%d", p.memory, maxMemory))
	}
	salt, err := b64.Strict().DecodeString(parts[4])
	if err != nil || len(salt) < minSalt || len(salt) > maxSalt {
		return bad(fmt.Sprintf("salt must be %d–%d bytes of unpadded base64", minSalt, maxSalt))
	}
	key, err := b64.Strict().DecodeString(parts[5])
	if err != nil || len(key) < minKey || len(key) > maxKey {
		return bad(fmt.Sprintf("hash must be %d–%d bytes of unpadded base64", minKey, maxKey))
	}
	return p, salt, key, nil
}
