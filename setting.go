package virk

import "context"

// Settings the administrator changes on the web.
const (
	// SettingPublicPages lists, comma-separated, the pages that everyone
	// may read without logging in, besides the published report: any of
	// "scorecard", "indicator", "unit", "peers", "energy" and
	// "portfolio". Personnel figures are
	// never shown on them.
	SettingPublicPages = "public_pages"
	// SettingSessionKey is the server's secret for signing short-lived
	// cookies (the identity provider's login state). It is made on first
	// use and shared by every server process on the store.
	SettingSessionKey = "session_key"
	// SettingPortfolioWeights holds the weights of the portfolio's
	// ranking as the analyst set them: priority, criticality and gain
	// potential, "1,1,1".
	SettingPortfolioWeights = "portfolio_weights"
)

// SettingService keeps settings as key–value pairs.
type SettingService interface {
	// FindSettings returns every stored setting.
	FindSettings(ctx context.Context) (map[string]string, error)
	// UpdateSettings stores the given settings in one transaction; an
	// empty value removes a setting.
	UpdateSettings(ctx context.Context, set map[string]string) error
}
