package api

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// openAPIDoc is the hand-written OpenAPI 3 description of the route
// table; TestOpenAPIMatchesRoutes keeps the two equal.
//
//go:embed openapi.json
var openAPIDoc []byte

// openapi serves the document without authentication, so clients can be
// generated before a token exists.
func (a *API) openapi(c *gin.Context) {
	c.Data(http.StatusOK, "application/json", openAPIDoc)
}
