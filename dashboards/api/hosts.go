package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/agent/identity"
	"github.com/prophasis/prophasis/internal/storage"
)

// hostOut is a host as the API shows it: the agent key is write-only, so
// only whether one is set is returned.
type hostOut struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Address     string `json:"address"`
	Port        int    `json:"port"`
	Description string `json:"description"`
	Fingerprint string `json:"fingerprint"`
	Enabled     bool   `json:"enabled"`
	HasAgentKey bool   `json:"has_agent_key"`
}

// hostIn is the body of create and replace. Omitted port is 4048, omitted
// enabled is true; an omitted agent_key keeps the stored one on replace.
type hostIn struct {
	Name        string  `json:"name"`
	Address     string  `json:"address"`
	Port        *int    `json:"port"`
	Description string  `json:"description"`
	Fingerprint string  `json:"fingerprint"`
	Enabled     *bool   `json:"enabled"`
	AgentKey    *string `json:"agent_key"`
}

func newHostOut(h storage.Host) hostOut {
	return hostOut{ID: h.ID, Name: h.Name, Address: h.Address, Port: h.Port, Description: h.Description,
		Fingerprint: h.Fingerprint, Enabled: h.Enabled, HasAgentKey: len(h.AgentKey) > 0}
}

// host validates in and builds the row, sealing the agent key.
func (a *API) host(in hostIn) (storage.Host, error) {
	h := storage.Host{Name: in.Name, Address: in.Address, Port: 4048, Description: in.Description, Enabled: true}
	if in.Port != nil {
		h.Port = *in.Port
	}
	if in.Enabled != nil {
		h.Enabled = *in.Enabled
	}
	var k checker
	k.text("name", in.Name, true, 100)
	k.address("address", in.Address)
	k.intRange("port", int64(h.Port), 1, 65535)
	k.text("description", in.Description, false, 500)
	if k.err == nil && in.Fingerprint != "" {
		fp, err := identity.NormalizeFingerprint(in.Fingerprint)
		k.rule("fingerprint", err != nil, "must be a SHA-256 fingerprint: 64 hex digits")
		h.Fingerprint = fp
	}
	if in.AgentKey != nil {
		k.rule("agent_key", *in.AgentKey == "" || len(*in.AgentKey) > 512, "must be 1 to 512 characters")
		h.AgentKey = a.keys.Seal([]byte(*in.AgentKey))
	}
	return h, k.err
}

func (a *API) hostList(c *gin.Context) {
	p, ok := pageOf(c)
	if !ok {
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	hosts, err := storage.ListHosts(ctx, a.deps.DB, c.Query("search"))
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, paginate(mapSlice(hosts, newHostOut), p))
}

func (a *API) hostGet(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	h, err := storage.HostByID(ctx, a.deps.DB, id)
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, newHostOut(h))
}
