package prognosis

import (
	"bytes"
	"errors"
	"os"
	"testing"
)

// FuzzReadPopulation feeds arbitrary bytes to the population reader. It
// asserts that nothing panics, that every failure is Errors of *Error
// wrapping a sentinel, and that a population read has no negative count.
func FuzzReadPopulation(f *testing.F) {
	if data, err := os.ReadFile("testdata/14288-synthetic.json"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("alder;år;personer\n0;2024;10\n105+;2024;1 234,5\n"))
	f.Add([]byte("personer;ar;alder\n\"1\";2030;7\n"))
	f.Add([]byte(`{"version":"2.0","class":"dataset","id":["Kjonn","Alder","Tid"],"size":[2,1,1],"dimension":{"Kjonn":{"category":{"index":["1","2"]}},"Alder":{"category":{"index":["105+"]}},"Tid":{"category":{"index":["2024"]}}},"value":[1,null]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		pop, err := ReadPopulation(bytes.NewReader(data), "")
		if err != nil {
			checkFaults(t, err)
			return
		}
		for _, y := range pop.Years() {
			for a := 0; a <= pop.MaxAge(); a++ {
				if n, ok := pop.Persons(y, a); ok && !(n >= 0) {
					t.Fatalf("%d, age %d: %v persons", y, a, n)
				}
			}
			_, _ = pop.Sum(y, Band{0, AndOlder})
		}
	})
}

// FuzzReadConfig feeds arbitrary bytes to the configuration reader. It
// asserts that nothing panics, that faults are Errors of *Error, and that
// a model read is valid and can be projected without a panic.
func FuzzReadConfig(f *testing.F) {
	f.Add([]byte(docExample(f)))
	f.Add([]byte(`{"basisar": 2018, "omrader": [{"id": "a", "brukergrupper": [{"fra": 1, "brukere": 1}], "arbeidsstyrke": [{"alder": 30, "arsverk": 1}]}]}`))
	f.Add([]byte(`{"basisar": 2018, "x": {"y": [1, {"z": null}]}, "basisar": "1"}`))
	pop := flat(2018, 2040, 10)
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ReadConfig(bytes.NewReader(data))
		if err != nil {
			checkFaults(t, err)
			return
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("ReadConfig returned an invalid model: %v", err)
		}
		if m.end()-m.BaseYear > 60 {
			return // the flat population stops in 2040; long runs add nothing
		}
		if _, err := Project(m, pop); err != nil {
			checkFaults(t, err)
		}
	})
}

// checkFaults fails unless err is a non-empty Errors whose every fault
// wraps one of the sentinels.
func checkFaults(t *testing.T, err error) {
	t.Helper()
	var es Errors
	if !errors.As(err, &es) || len(es) == 0 {
		t.Fatalf("error %T %v is not a non-empty Errors", err, err)
	}
	for _, e := range es {
		if !errors.Is(e, ErrSyntax) && !errors.Is(e, ErrField) && !errors.Is(e, ErrValue) &&
			!errors.Is(e, ErrOverlap) && !errors.Is(e, ErrMissing) {
			t.Fatalf("fault %q wraps no sentinel", e)
		}
	}
}
