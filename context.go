package virk

import "context"

type contextKey int

const viewerKey contextKey = iota

// NewContextWithViewer returns ctx carrying the viewer of a request.
func NewContextWithViewer(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, viewerKey, v)
}

// ViewerFromContext returns the viewer ctx carries, or the public viewer
// when it carries none: code that forgets to set one shows less, not more.
func ViewerFromContext(ctx context.Context) *Viewer {
	if v, ok := ctx.Value(viewerKey).(*Viewer); ok && v != nil {
		return v
	}
	return PublicViewer()
}
