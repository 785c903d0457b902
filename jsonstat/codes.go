package jsonstat

// Code identifies the rule a finding violates. The values are the codes of
// the jsonstat/validator rule catalogue (rules-manifest.json, rule set
// 1.0.0), so that reports from this package can be compared one to one with
// reports from the reference validator.
type Code string

// The finding codes. Each constant's comment names what triggers it; the
// severity of every code is fixed by the catalogue and returned by
// Code.Severity.
const (
	// CodeIDSizeLenMismatch is reported when "id" and "size" have different lengths.
	CodeIDSizeLenMismatch Code = "ID_SIZE_LEN_MISMATCH"
	// CodeDimKeyIDMismatch is reported when the keys of "dimension" differ from the entries of "id".
	CodeDimKeyIDMismatch Code = "DIM_KEY_ID_MISMATCH"
	// CodeValueLenMismatch is reported when a dense "value" array does not hold product(size) entries.
	CodeValueLenMismatch Code = "VALUE_LEN_MISMATCH"
	// CodeSparseKeyOutOfRange is reported when a key of a sparse "value" object is not a cell position.
	CodeSparseKeyOutOfRange Code = "SPARSE_KEY_OUT_OF_RANGE"
	// CodeRoleIDUnknown is reported when "role" names a dimension that is not in "id".
	CodeRoleIDUnknown Code = "ROLE_ID_UNKNOWN"
	// CodeStatusLenMismatch is reported when a "status" array has neither one nor product(size) entries.
	CodeStatusLenMismatch Code = "STATUS_LEN_MISMATCH"
	// CodeStatusKeyOutOfRange is reported when a key of a "status" object is not a cell position.
	CodeStatusKeyOutOfRange Code = "STATUS_KEY_OUT_OF_RANGE"
	// CodeMetricUnitMissing is reported when a metric-role dimension has no, or an empty, category.unit.
	CodeMetricUnitMissing Code = "METRIC_UNIT_MISSING"
	// CodeIndexCountMismatch is reported when the number of categories differs from the dimension's size.
	CodeIndexCountMismatch Code = "INDEX_COUNT_MISMATCH"
	// CodeIndexPositionsInvalid is reported when an object category.index is not a permutation of 0..n-1.
	CodeIndexPositionsInvalid Code = "INDEX_POSITIONS_INVALID"
	// CodeLabelKeyUnknown is reported when a category.label key is not a category id.
	CodeLabelKeyUnknown Code = "LABEL_KEY_UNKNOWN"
	// CodeLabelKeyIncomplete is reported when category.label exists but misses some category ids.
	CodeLabelKeyIncomplete Code = "LABEL_KEY_INCOMPLETE"
	// CodeUnitKeyUnknown is reported when a category.unit key is not a category id.
	CodeUnitKeyUnknown Code = "UNIT_KEY_UNKNOWN"
	// CodeCoordKeyUnknown is reported when a category.coordinates key is not a category id.
	CodeCoordKeyUnknown Code = "COORD_KEY_UNKNOWN"
	// CodeNoteKeyUnknown is reported when a category.note key is not a category id.
	CodeNoteKeyUnknown Code = "NOTE_KEY_UNKNOWN"
	// CodeChildIDUnknown is reported when a category.child parent or child is not a category id.
	CodeChildIDUnknown Code = "CHILD_ID_UNKNOWN"
	// CodeChildCycle is reported when category.child contains a cycle.
	CodeChildCycle Code = "CHILD_CYCLE"
	// CodeRecursionLimit is reported when collections nest deeper than Decoder.MaxDepth.
	CodeRecursionLimit Code = "RECURSION_LIMIT"
	// CodeBundleDeprecated is reported when the document is a pre-2.0 bundle (it has no "class").
	CodeBundleDeprecated Code = "BUNDLE_DEPRECATED"
	// CodeCubeSizeOverflow is reported when product(size) overflows or exceeds Decoder.MaxCells.
	CodeCubeSizeOverflow Code = "CUBE_SIZE_OVERFLOW"
	// CodeParseError is reported when the input is not valid JSON.
	CodeParseError Code = "PARSE_ERROR"
	// CodeStructuralViolation is reported when the document breaks the
	// JSON-stat 2.0 schema: a wrong JSON type, a missing required member,
	// a negative size, a version other than "2.0", and the like.
	CodeStructuralViolation Code = "STRUCTURAL_VIOLATION"
	// CodeBudgetExceeded is reported when more than Decoder.MaxFindings findings occur; the rest are dropped.
	CodeBudgetExceeded Code = "BUDGET_EXCEEDED"
)

// Severity tells how serious a finding is. Only SeverityError makes a
// document invalid; warnings and infos are reported alongside a usable
// result.
type Severity uint8

// The severities, ordered from least to most serious so that they can be
// compared with < and >.
const (
	// SeverityInfo marks a note that needs no action, such as a bundle.
	SeverityInfo Severity = iota + 1
	// SeverityWarning marks a doubtful but usable document.
	SeverityWarning
	// SeverityError marks an invalid document.
	SeverityError
)

// String returns "info", "warning" or "error", the spelling used by the
// rule catalogue.
func (s Severity) String() string {
	switch s {
	case SeverityInfo:
		return "info"
	case SeverityWarning:
		return "warning"
	case SeverityError:
		return "error"
	}
	return "unknown"
}

// MarshalText encodes the severity as its catalogue spelling, so findings
// serialise to the same JSON shape as the reference validator's.
func (s Severity) MarshalText() ([]byte, error) {
	return []byte(s.String()), nil
}

// Rule is one entry of the rule catalogue.
type Rule struct {
	// ID is the catalogue's short rule id, such as "S1" or "D3a".
	ID string
	// Code is the finding code reported when the rule is violated.
	Code Code
	// Severity is the fixed severity of the code.
	Severity Severity
	// Summary is the catalogue's one-sentence description of the rule.
	Summary string
}

// rules is the catalogue in manifest order. It is kept as code rather than
// loaded from the manifest so the package has no runtime file dependency;
// a test checks that it matches rules-manifest.json exactly.
var rules = []Rule{
	{"S1", CodeIDSizeLenMismatch, SeverityError, "The number of dimension ids must equal the number of sizes."},
	{"S2", CodeDimKeyIDMismatch, SeverityError, "The keys of 'dimension' must equal the values of 'id'."},
	{"S3", CodeValueLenMismatch, SeverityError, "Dense 'value' length must equal product(size)."},
	{"S4", CodeSparseKeyOutOfRange, SeverityError, "Sparse 'value' keys must be integers in [0, product(size)-1]."},
	{"S5", CodeRoleIDUnknown, SeverityError, "role.{time,geo,metric} entries must reference dimension ids."},
	{"S6", CodeStatusLenMismatch, SeverityError, "Array 'status' length must equal product(size)."},
	{"S7", CodeStatusKeyOutOfRange, SeverityError, "Object 'status' keys must be valid cell positions in [0, product(size)-1]."},
	{"S8", CodeMetricUnitMissing, SeverityWarning, "Metric-role dimensions should provide a non-empty category.unit."},
	{"D1", CodeIndexCountMismatch, SeverityError, "Array category.index count must equal the dimension size."},
	{"D2", CodeIndexPositionsInvalid, SeverityError, "Object category.index values must be a permutation of [0, size-1]."},
	{"D3a", CodeLabelKeyUnknown, SeverityError, "category.label keys must reference index ids."},
	{"D3b", CodeLabelKeyIncomplete, SeverityWarning, "category.label does not cover all index ids."},
	{"D4", CodeUnitKeyUnknown, SeverityError, "category.unit keys must reference index ids."},
	{"D5", CodeCoordKeyUnknown, SeverityError, "category.coordinates keys must reference index ids."},
	{"D6", CodeNoteKeyUnknown, SeverityError, "category.note keys must reference index ids."},
	{"D7a", CodeChildIDUnknown, SeverityError, "category.child ids must reference index ids."},
	{"D7b", CodeChildCycle, SeverityError, "category.child hierarchy must be acyclic."},
	{"C1", CodeRecursionLimit, SeverityInfo, "Collection recursion depth exceeded the configured budget."},
	{"C2", CodeBundleDeprecated, SeverityInfo, "Pre-2.0 bundle response detected (deprecated; use collection)."},
	{"OVF", CodeCubeSizeOverflow, SeverityError, "product(size) overflows the engine's cell budget."},
	{"PARSE", CodeParseError, SeverityError, "Input is not valid JSON."},
	{"STRUCT", CodeStructuralViolation, SeverityError, "Document violates the JSON-stat 2.0 JSON Schema (keyword retained in meta)."},
	{"BUDGET", CodeBudgetExceeded, SeverityWarning, "Validation budget exceeded; some checks were skipped."},
}

// Rules returns a copy of the rule catalogue in catalogue order, for
// callers that want to document or display the codes they may receive.
func Rules() []Rule {
	return append([]Rule(nil), rules...)
}

// Severity returns the catalogue severity of c, or SeverityError for a code
// that is not in the catalogue, because an unknown problem must not be
// mistaken for a harmless one.
func (c Code) Severity() Severity {
	for i := range rules {
		if rules[i].Code == c {
			return rules[i].Severity
		}
	}
	return SeverityError
}
