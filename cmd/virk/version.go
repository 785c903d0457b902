package main

import (
	"context"
	"fmt"

	"github.com/virk-analyse/virk"
)

func runVersion(ctx context.Context, m *Main, args []string) error {
	fmt.Fprintf(m.Stdout, "virk %s\n", virk.Version)
	return nil
}
