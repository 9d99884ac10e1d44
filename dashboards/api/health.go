package api

import (
	"cmp"
	"net/http"
	"slices"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/query"
)

// subjectHealth is the health of one host, group or service.
type subjectHealth struct {
	ID    int64       `json:"id"`
	Name  string      `json:"name,omitempty"`
	State state.State `json:"state"`
}

// healthOut is the current health of everything, each list by id.
type healthOut struct {
	Hosts      []subjectHealth `json:"hosts"`
	HostGroups []subjectHealth `json:"host_groups"`
	Services   []subjectHealth `json:"services"`
}

func (a *API) health(c *gin.Context) {
	ctx, cancel := a.ctx(c)
	defer cancel()
	h, err := query.LoadHealth(ctx, a.deps.DB)
	if err != nil {
		a.fail(c, err)
		return
	}
	out := healthOut{Hosts: subjects(h.Hosts, nil), HostGroups: subjects(h.GroupStates(), nil),
		Services: subjects(h.ServiceStates(), h.ServiceNames)}
	c.JSON(http.StatusOK, out)
}

func subjects(states map[int64]state.State, names map[int64]string) []subjectHealth {
	out := make([]subjectHealth, 0, len(states))
	for id, s := range states {
		out = append(out, subjectHealth{ID: id, Name: names[id], State: s})
	}
	slices.SortFunc(out, func(a, b subjectHealth) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// pluginStateOut is the current state of one plugin on a host.
type pluginStateOut struct {
	Plugin  string      `json:"plugin"`
	Name    string      `json:"name"`
	View    query.View  `json:"view"`
	Time    time.Time   `json:"time"`
	Value   *float64    `json:"value"`
	Message string      `json:"message"`
	State   state.State `json:"state"`
	Since   time.Time   `json:"since"`
}

// hostState answers the current state of every plugin reporting on a host.
func (a *API) hostState(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		return
	}
	pg, ok := pageOf(c)
	if !ok {
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	states, err := query.HostPlugins(ctx, a.deps.DB, id)
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, paginate(mapSlice(states, func(p query.PluginState) pluginStateOut {
		return pluginStateOut{Plugin: p.PluginID, Name: p.Name, View: p.View, Time: p.Time, Value: p.Value,
			Message: p.Message, State: p.State, Since: p.Since}
	}), pg))
}
