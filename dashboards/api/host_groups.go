package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/storage"
)

// groupOut is a host group with its direct members.
type groupOut struct {
	ID          int64   `json:"id"`
	Name        string  `json:"name"`
	Description string  `json:"description"`
	Hosts       []int64 `json:"hosts"`
	Groups      []int64 `json:"groups"`
}

// groupIn is the body of create and replace: members are replaced whole.
type groupIn struct {
	Name        string  `json:"name"`
	Description string  `json:"description"`
	Hosts       []int64 `json:"hosts"`
	Groups      []int64 `json:"groups"`
}

func (in groupIn) validate() error {
	var k checker
	k.text("name", in.Name, true, 200)
	k.text("description", in.Description, false, 500)
	k.rule("hosts", len(in.Hosts) > 10000, "at most 10000 hosts")
	k.rule("groups", len(in.Groups) > 1000, "at most 1000 groups")
	return k.err
}

func (a *API) groupList(c *gin.Context) {
	listLoaded(a, c, storage.ListHostGroups, func(g storage.HostGroup) int64 { return g.ID }, a.loadGroup)
}

func (a *API) groupGet(c *gin.Context) {
	getLoaded(a, c, a.loadGroup)
}

func (a *API) loadGroup(ctx context.Context, db storage.DBTX, id int64) (groupOut, error) {
	g, hosts, groups, err := storage.HostGroupByID(ctx, db, id)
	if err != nil {
		return groupOut{}, err
	}
	return groupOut{ID: g.ID, Name: g.Name, Description: g.Description, Hosts: hosts, Groups: groups}, nil
}

// saveGroup creates (id 0) or replaces a group and its members in one
// transaction; a membership cycle rolls everything back.
func (a *API) saveGroup(c *gin.Context, id int64, status int) {
	var in groupIn
	if !decode(c, &in) {
		return
	}
	if err := in.validate(); err != nil {
		a.fail(c, err)
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	var out groupOut
	err := pgx.BeginFunc(ctx, a.deps.DB, func(tx pgx.Tx) (err error) {
		g := storage.HostGroup{ID: id, Name: in.Name, Description: in.Description}
		if id == 0 {
			g.ID, err = storage.CreateHostGroup(ctx, tx, g)
		} else {
			err = storage.UpdateHostGroup(ctx, tx, g)
		}
		if err != nil {
			return err
		}
		if err := storage.SetHostGroupMembers(ctx, tx, g.ID, in.Hosts, in.Groups); err != nil {
			return err
		}
		out, err = a.loadGroup(ctx, tx, g.ID)
		return err
	})
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(status, out)
}

func (a *API) groupCreate(c *gin.Context) { a.saveGroup(c, 0, http.StatusCreated) }

func (a *API) groupReplace(c *gin.Context) {
	if id, ok := pathID(c); ok {
		a.saveGroup(c, id, http.StatusOK)
	}
}
