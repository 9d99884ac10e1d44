package agentrun_test

import (
	"context"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/sched"
	"github.com/prophasis/prophasis/sched/agentrun"
	"github.com/prophasis/prophasis/sched/serverside"
)

type agentStub struct{}

func (agentStub) Run(context.Context, sched.Job) sched.Result {
	return sched.Result{Status: sched.StatusOK, Message: "from the agent"}
}

func TestRoute(t *testing.T) {
	r := agentrun.Route(serverside.New(serverside.Config{}, sched.System{}), agentStub{})
	for _, tc := range []struct{ plugin, want string }{
		{serverside.TCP, "argument port"}, // the core ran it: no port given
		{"com.example.cpu", "from the agent"},
	} {
		if got := r.Run(context.Background(), sched.Job{PluginID: tc.plugin}); !strings.Contains(got.Message, tc.want) {
			t.Errorf("%s: message %q, want %q", tc.plugin, got.Message, tc.want)
		}
	}
}
