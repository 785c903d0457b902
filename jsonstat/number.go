package jsonstat

import (
	"errors"
	"math"
	"strconv"
)

// pow10 holds the powers of ten that are exactly representable as float64.
var pow10 = [...]float64{
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
}

// parseNumber converts a JSON number literal to float64.
//
// Statistical values are almost always short decimals such as 27.8 or
// 1943974, so it first tries the classic exact fast path (Clinger): when
// the decimal mantissa fits in 53 bits and the power of ten is at most 22,
// one IEEE multiplication or division of two exact operands gives the
// correctly rounded result. Everything else falls back to
// strconv.ParseFloat, so results are always identical to strconv's. ok is
// false for literals that are not numbers or that overflow float64.
func parseNumber(b []byte) (f float64, ok bool) {
	if len(b) == 0 {
		return 0, false
	}
	i := 0
	neg := false
	if b[0] == '-' {
		neg = true
		i++
	}
	const maxMant = 1<<53 - 1
	var mant uint64
	exp := 0
	digits := 0
	slow := false
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		digits++
		if mant > (maxMant-9)/10 {
			slow = true
			continue
		}
		mant = mant*10 + uint64(b[i]-'0')
	}
	if i < len(b) && b[i] == '.' {
		i++
		for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
			digits++
			if mant > (maxMant-9)/10 {
				slow = true
				continue
			}
			mant = mant*10 + uint64(b[i]-'0')
			exp--
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		eneg := false
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			eneg = b[i] == '-'
			i++
		}
		e := 0
		for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
			if e < 10000 {
				e = e*10 + int(b[i]-'0')
			} else {
				slow = true
			}
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	if digits == 0 || i != len(b) {
		return 0, false
	}
	if !slow && exp >= -22 && exp <= 22 {
		f = float64(mant)
		if exp > 0 {
			f *= pow10[exp]
		} else if exp < 0 {
			f /= pow10[-exp]
		}
		if neg {
			f = -f
		}
		return f, true
	}
	f, err := strconv.ParseFloat(string(b), 64)
	// Underflow to zero is accepted (strconv may flag it as ErrRange), but
	// overflow to infinity is not: no JSON-stat value can be infinite.
	if math.IsInf(f, 0) || (err != nil && !errors.Is(err, strconv.ErrRange)) {
		return 0, false
	}
	return f, true
}
