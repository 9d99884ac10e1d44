package api

import (
	"context"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/internal/storage"
)

// serviceBody is a service: the hosts and host groups it needs, and
// redundancy groups of which one member must be up. Replaced whole on PUT.
type serviceBody struct {
	ID          int64                     `json:"id"`
	Name        string                    `json:"name"`
	Description string                    `json:"description"`
	Hosts       []int64                   `json:"hosts"`
	Groups      []int64                   `json:"groups"`
	Redundancy  []storage.RedundancyGroup `json:"redundancy"`
}

func (in serviceBody) validate() error {
	var k checker
	k.text("name", in.Name, true, 200)
	k.text("description", in.Description, false, 500)
	k.rule("redundancy", len(in.Redundancy) > 100, "at most 100 redundancy groups")
	for _, r := range in.Redundancy {
		k.text("redundancy.name", r.Name, true, 200)
		k.rule("redundancy", len(r.Hosts)+len(r.Groups) == 0, "a redundancy group needs members")
	}
	return k.err
}

// services loads every service's structure (names included); services
// are few, so one query serves list and get.
func (a *API) services(ctx context.Context) ([]serviceBody, error) {
	all, err := storage.ServiceStructures(ctx, a.deps.DB)
	if err != nil {
		return nil, err
	}
	desc, err := storage.ServiceDescriptions(ctx, a.deps.DB)
	if err != nil {
		return nil, err
	}
	return mapSlice(all, func(s storage.ServiceStructure) serviceBody {
		return serviceBody{ID: s.ID, Name: s.Name, Description: desc[s.ID], Hosts: s.Hosts, Groups: s.Groups,
			Redundancy: s.Redundancy}
	}), nil
}

func (a *API) serviceList(c *gin.Context) {
	p, ok := pageOf(c)
	if !ok {
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	all, err := a.services(ctx)
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, paginate(all, p))
}

func (a *API) serviceGet(c *gin.Context) {
	if id, ok := pathID(c); ok {
		a.serviceAnswer(c, id, http.StatusOK)
	}
}

// serviceAnswer answers with service id as stored.
func (a *API) serviceAnswer(c *gin.Context, id int64, status int) {
	ctx, cancel := a.ctx(c)
	defer cancel()
	all, err := a.services(ctx)
	if err != nil {
		a.fail(c, err)
		return
	}
	i := slices.IndexFunc(all, func(s serviceBody) bool { return s.ID == id })
	if i < 0 {
		a.fail(c, storage.ErrNotFound)
		return
	}
	c.JSON(status, all[i])
}

// saveService creates (id 0) or replaces a service.
func (a *API) saveService(c *gin.Context, id int64, status int) {
	var in serviceBody
	if !decode(c, &in) {
		return
	}
	if err := in.validate(); err != nil {
		a.fail(c, err)
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	saved, err := storage.SaveService(ctx, a.deps.DB, id, storage.ServiceInput{Name: in.Name, Description: in.Description,
		Hosts: in.Hosts, Groups: in.Groups, Redundancy: in.Redundancy})
	if err != nil {
		a.fail(c, err)
		return
	}
	a.serviceAnswer(c, saved, status)
}

func (a *API) serviceCreate(c *gin.Context) { a.saveService(c, 0, http.StatusCreated) }

func (a *API) serviceReplace(c *gin.Context) {
	if id, ok := pathID(c); ok {
		a.saveService(c, id, http.StatusOK)
	}
}
