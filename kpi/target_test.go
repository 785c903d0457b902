package kpi_test

import (
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

func TestEvaluateTarget(t *testing.T) {
	sick := annual(2014, 7.6, 7.3, 7.2, 7.5, 7.3)
	energyLDIP := annual(2014, 193.3, 194.4, 227.0, 201.0, 195.0)
	energyCorr := annual(2014, 212.7, 215.1, 211.6, 212.3, 200.7)
	rel := virk.Target{Kind: virk.TargetRelative, Value: -12, BaseYear: 2016, Year: 2020}
	tests := []struct {
		name      string
		s         kpi.Series
		t         virk.Target
		dir       virk.Direction
		want      kpi.TargetStatus
		level     float64
		judged    float64
		projected bool
	}{
		{"sick leave above 7 %", sick, virk.Target{Kind: virk.TargetAbsolute, Value: 7}, virk.Down, kpi.NotMet, 7, 7.3, false},
		{"sick leave met by a later level", annual(2017, 6.9), virk.Target{Kind: virk.TargetAbsolute, Value: 7}, virk.Down, kpi.Met, 7, 6.9, false},
		// 227,0 × 0,88 = 199,76; 2018 is 195,0 and the trend +0,2/yr
		// projects 195,4 for 2020.
		{"energy LDIP on track", energyLDIP, rel, virk.Down, kpi.OnTrack, 199.76, 195.4, true},
		// 211,6 × 0,88 = 186,208; trend (200,7 − 215,1)/3 = −4,8/yr
		// projects 191,1 for 2020.
		{"energy corrected off track", energyCorr, rel, virk.Down, kpi.OffTrack, 186.208, 191.1, true},
		{"target year reached", annual(2016, 100, 95, 90, 89, 87), rel, virk.Down, kpi.Met, 88, 87, false},
		{"target year missed", annual(2016, 100, 95, 90, 89, 90), rel, virk.Down, kpi.NotMet, 88, 90, false},
		{"no base year", annual(2017, 1, 2), rel, virk.Down, kpi.NoData, 0, 0, false},
		{"higher is better", annual(2015, 42, 50, 58, 80), virk.Target{Kind: virk.TargetAbsolute, Value: 75}, virk.Up, kpi.Met, 75, 80, false},
		{"no direction", sick, virk.Target{Kind: virk.TargetAbsolute, Value: 7}, virk.Neutral, kpi.Undirected, 7, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := kpi.EvaluateTarget(tt.s, tt.t, tt.dir, 3)
			if r.Status != tt.want {
				t.Fatalf("Status = %s, want %s", r.Status, tt.want)
			}
			if tt.want == kpi.NoData || tt.want == kpi.Undirected {
				return
			}
			if !near(r.Level, tt.level) || !near(r.Value, tt.judged) || r.Projected != tt.projected {
				t.Errorf("level %v judged %v projected %v; want %v %v %v", r.Level, r.Value, r.Projected, tt.level, tt.judged, tt.projected)
			}
		})
	}
}
