package chart

import "flag"

// update makes tests rewrite their golden files in testdata.
var update = flag.Bool("update", false, "rewrite golden files in testdata")
