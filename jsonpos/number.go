package jsonpos

// NumberInRange reports whether lit, a JSON number literal, is one curate
// accepts: at most 15 significant digits (leading and trailing zeros do
// not count) and, unless it is zero, a magnitude between 1e-300 and 1e300
// inclusive. Such a number is held exactly as written by a spreadsheet cell
// and by a 64-bit float; 1e999 is not (it becomes infinity), nor is
// 1234567890123456789 (it becomes ...800). A zero is in range whatever its
// exponent. It returns false when lit is not a JSON number.
//
// Its time is linear in the length of lit and it allocates nothing: a
// megabyte of digits or an exponent of a thousand digits is read digit by
// digit, never converted.
func NumberInRange(lit string) bool { return inRange(lit) }

func inRange[T string | []byte](lit T) bool {
	n := len(lit)
	i := 0
	if i < n && lit[i] == '-' {
		i++
	}
	intStart := i
	for i < n && isDigit(lit[i]) {
		i++
	}
	intLen := i - intStart
	if intLen == 0 || intLen > 1 && lit[intStart] == '0' {
		return false
	}
	fracStart, fracLen := i, 0
	if i < n && lit[i] == '.' {
		i++
		fracStart = i
		for i < n && isDigit(lit[i]) {
			i++
		}
		if fracLen = i - fracStart; fracLen == 0 {
			return false
		}
	}
	var exp int64
	if i < n && (lit[i] == 'e' || lit[i] == 'E') {
		i++
		neg := false
		if i < n && (lit[i] == '+' || lit[i] == '-') {
			neg = lit[i] == '-'
			i++
		}
		start := i
		for ; i < n && isDigit(lit[i]); i++ {
			if exp < 1e15 { // saturate: far beyond any length of digits
				exp = exp*10 + int64(lit[i]-'0')
			}
		}
		if i == start {
			return false
		}
		if neg {
			exp = -exp
		}
	}
	if i != n {
		return false
	}
	// The digits, integer then fraction, as one sequence: find the first
	// and last that are not zero.
	digit := func(k int) byte {
		if k < intLen {
			return lit[intStart+k]
		}
		return lit[fracStart+k-intLen]
	}
	first, last := -1, -1
	for k := 0; k < intLen+fracLen; k++ {
		if digit(k) != '0' {
			if first < 0 {
				first = k
			}
			last = k
		}
	}
	if first < 0 {
		return true // zero
	}
	if last-first+1 > 15 {
		return false
	}
	// The number is m × 10^e with 1 <= m < 10.
	e := int64(intLen-1-first) + exp
	if e == 300 {
		return first == last && digit(first) == '1' // exactly 1e300
	}
	return e >= -300 && e < 300
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
