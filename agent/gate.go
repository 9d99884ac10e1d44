package agent

import "sync"

// runGate counts running plugins so shutdown can wait for them; once closed
// it admits no new run.
type runGate struct {
	mu     sync.Mutex
	idle   *sync.Cond
	n      int
	closed bool
}

func newRunGate() *runGate {
	g := &runGate{}
	g.idle = sync.NewCond(&g.mu)
	return g
}

func (g *runGate) enter() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return false
	}
	g.n++
	return true
}

func (g *runGate) leave() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.n--
	if g.n == 0 {
		g.idle.Broadcast()
	}
}

// closeAndWait refuses new runs and returns when the running ones ended.
func (g *runGate) closeAndWait() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.closed = true
	for g.n > 0 {
		g.idle.Wait()
	}
}
