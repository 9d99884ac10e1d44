package dashboards

import "github.com/prophasis/prophasis/internal/state"

// stateBadge is the Bootstrap colour of a state; the text always says
// the state too, so colour is never the only signal.
func stateBadge(s state.State) string {
	switch s {
	case state.OK:
		return "text-bg-success"
	case state.Unknown:
		return "text-bg-secondary"
	case state.Degraded:
		return "text-bg-info"
	case state.Minor:
		return "text-bg-warning"
	case state.Major, state.Critical:
		return "text-bg-danger"
	}
	return "text-bg-light"
}

// bandColour is the translucent shade of a state's band on a graph, in
// the badges' hues; "" for ok and no data, which are not shaded.
func bandColour(s state.State) string {
	switch s {
	case state.Unknown:
		return "rgba(108,117,125,0.18)"
	case state.Degraded:
		return "rgba(13,202,240,0.18)"
	case state.Minor:
		return "rgba(255,193,7,0.28)"
	case state.Major:
		return "rgba(253,126,20,0.28)"
	case state.Critical:
		return "rgba(220,53,69,0.28)"
	}
	return ""
}

// lineColour is the i-th line's colour; a line's min–max band shares it.
func lineColour(i int) string {
	palette := [...]string{"#0d6efd", "#6f42c1", "#198754", "#fd7e14", "#20c997", "#d63384", "#6c757d", "#0dcaf0"}
	return palette[i%len(palette)]
}
