package sqlstore

import (
	"encoding/binary"
	"errors"
	"math"
)

// Reading blocks are stored as one byte of format (1), then one unsigned
// varint per value: 0 for a missing value, else 1 + the zigzag-coded
// difference in watt-hours from the previous value present (the first
// from 0). Hourly use changes little from hour to hour, so most readings
// take one or two bytes.
const readingFormat = 1

// encodeReadings codes values (kWh, NaN for missing) to watt-hours.
func encodeReadings(dst []byte, values []float64) []byte {
	dst = append(dst[:0], readingFormat)
	var prev int64
	for _, v := range values {
		if math.IsNaN(v) {
			dst = binary.AppendUvarint(dst, 0)
			continue
		}
		wh := int64(math.Round(v * 1000))
		d := wh - prev
		prev = wh
		dst = binary.AppendUvarint(dst, uint64(d<<1^d>>63)+1)
	}
	return dst
}

var errReadings = errors.New("damaged reading block")

// decodeReadings decodes n values into dst, reusing its memory.
func decodeReadings(dst []float64, data []byte, n int) ([]float64, error) {
	if len(data) == 0 || data[0] != readingFormat {
		return nil, errReadings
	}
	data = data[1:]
	dst = dst[:0]
	var prev int64
	for i := 0; i < n; i++ {
		u, k := binary.Uvarint(data)
		if k <= 0 {
			return nil, errReadings
		}
		data = data[k:]
		if u == 0 {
			dst = append(dst, math.NaN())
			continue
		}
		u--
		prev += int64(u>>1) ^ -int64(u&1)
		dst = append(dst, float64(prev)/1000)
	}
	if len(data) != 0 {
		return nil, errReadings
	}
	return dst, nil
}
