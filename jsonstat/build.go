package jsonstat

import (
	"fmt"
	"math"
	"slices"
)

// Build returns a dataset made in code rather than decoded, for readers
// of other formats, such as PC-Axis, that hand their cubes to code written
// for JSON-stat. d gives the described fields (ID, Size, Dimensions with
// their category IDs, Role and the rest); nums holds one value per cell in
// row-major order, NaN for a null cell; status is nil or holds one status
// per cell, "" for none.
//
// Build checks the cube as Decode does (as many dimensions, categories
// and cells as Size says, unique ids, roles naming dimensions) and returns
// an error naming the first fault. It keeps nums and status without
// copying them, and d itself becomes the returned dataset.
func Build(d *Dataset, nums []float64, status []string) (*Dataset, error) {
	if len(d.ID) != len(d.Size) || len(d.ID) != len(d.Dimensions) {
		return nil, fmt.Errorf("jsonstat: %d ids, %d sizes and %d dimensions", len(d.ID), len(d.Size), len(d.Dimensions))
	}
	n := 1
	for j, dim := range d.Dimensions {
		if dim == nil {
			return nil, fmt.Errorf("jsonstat: dimension %q is nil", d.ID[j])
		}
		if slices.Contains(d.ID[:j], d.ID[j]) {
			return nil, fmt.Errorf("jsonstat: dimension id %q is used twice", d.ID[j])
		}
		if len(dim.Category.IDs) != d.Size[j] {
			return nil, fmt.Errorf("jsonstat: dimension %q has %d categories but size %d", d.ID[j], len(dim.Category.IDs), d.Size[j])
		}
		index := make(map[string]int, len(dim.Category.IDs))
		for i, id := range dim.Category.IDs {
			if _, dup := index[id]; dup {
				return nil, fmt.Errorf("jsonstat: dimension %q has the category %q twice", d.ID[j], id)
			}
			index[id] = i
		}
		dim.Category.index = index
		if d.Size[j] > 0 && n > math.MaxInt32/d.Size[j] {
			return nil, fmt.Errorf("jsonstat: the cube has more than %d cells", math.MaxInt32)
		}
		n *= d.Size[j]
	}
	if len(nums) != n {
		return nil, fmt.Errorf("jsonstat: %d values for %d cells", len(nums), n)
	}
	if status != nil && len(status) != n {
		return nil, fmt.Errorf("jsonstat: %d statuses for %d cells", len(status), n)
	}
	for _, ids := range [][]string{d.Role.Time, d.Role.Geo, d.Role.Metric} {
		for _, id := range ids {
			if !slices.Contains(d.ID, id) {
				return nil, fmt.Errorf("jsonstat: the role names %q, which is not a dimension", id)
			}
		}
	}
	d.n = n
	d.values = valueStore{nums: nums}
	for i, v := range nums {
		if math.IsNaN(v) {
			if d.values.kinds == nil {
				d.values.kinds = make([]ValueKind, n)
				for k := range d.values.kinds {
					d.values.kinds[k] = Number
				}
			}
			d.values.kinds[i] = Null
		}
	}
	d.status = statusStore{arr: status}
	d.finish()
	return d, nil
}
