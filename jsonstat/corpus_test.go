package jsonstat

import (
	"encoding/json"
	"os"
	"testing"
)

// corpusCase is one entry of the jsonstat/validator corpus.
type corpusCase struct {
	ID       string `json:"id"`
	Group    string `json:"group"`
	Expected struct {
		Valid         *bool    `json:"valid"`
		Codes         []string `json:"codes"`
		NoOtherErrors bool     `json:"noOtherErrors"`
	} `json:"expected"`
	Input json.RawMessage `json:"input"`
}

func loadCorpus(t testing.TB) []corpusCase {
	t.Helper()
	data, err := os.ReadFile("testdata/validator/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []corpusCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

// TestValidatorCorpus runs the 20 cases of the jsonstat/validator corpus:
// the verdict, every expected code, and with noOtherErrors no other code
// of severity error or warning.
func TestValidatorCorpus(t *testing.T) {
	cases := loadCorpus(t)
	if len(cases) != 20 {
		t.Fatalf("corpus has %d cases; want 20", len(cases))
	}
	for _, c := range cases {
		t.Run(c.ID, func(t *testing.T) {
			findings := Validate(c.Input)
			if c.Expected.Valid != nil && findings.Valid() != *c.Expected.Valid {
				t.Errorf("Valid() = %v; want %v; findings: %v", findings.Valid(), *c.Expected.Valid, findings)
			}
			want := make(map[Code]bool)
			for _, code := range c.Expected.Codes {
				want[Code(code)] = true
				if !findings.Has(Code(code)) {
					t.Errorf("missing expected code %s; findings: %v", code, findings)
				}
			}
			if c.Expected.NoOtherErrors {
				for _, f := range findings {
					if !want[f.Code] && f.Severity >= SeverityWarning {
						t.Errorf("unexpected %s finding: %v", f.Severity, f)
					}
				}
			}
			// Decode must agree with Validate on the verdict.
			doc, err := Decode(c.Input)
			if (err == nil) != findings.Valid() {
				t.Errorf("Decode error %v disagrees with Validate verdict %v", err, findings.Valid())
			}
			if err == nil && len(doc.Datasets()) == 0 {
				t.Errorf("valid document decoded without datasets")
			}
		})
	}
}

// TestRulesMatchManifest checks that the built-in catalogue is exactly
// the one of rules-manifest.json: same ids, codes, severities and order.
func TestRulesMatchManifest(t *testing.T) {
	data, err := os.ReadFile("testdata/validator/rules-manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	var manifest struct {
		Rules []struct {
			ID       string `json:"id"`
			Code     string `json:"code"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
		} `json:"rules"`
	}
	if err := json.Unmarshal(data, &manifest); err != nil {
		t.Fatal(err)
	}
	got := Rules()
	if len(got) != len(manifest.Rules) {
		t.Fatalf("catalogue has %d rules; manifest has %d", len(got), len(manifest.Rules))
	}
	for i, m := range manifest.Rules {
		t.Run(m.Code, func(t *testing.T) {
			r := got[i]
			if r.ID != m.ID || string(r.Code) != m.Code || r.Severity.String() != m.Severity || r.Summary != m.Message {
				t.Errorf("rule %d = %+v; manifest has %+v", i, r, m)
			}
			if Code(m.Code).Severity().String() != m.Severity {
				t.Errorf("Code(%s).Severity() = %v; want %s", m.Code, Code(m.Code).Severity(), m.Severity)
			}
		})
	}
}
