package ingest

import "flag"

// update makes tests rewrite their golden files and generated fixtures.
var update = flag.Bool("update", false, "rewrite golden files in testdata")
