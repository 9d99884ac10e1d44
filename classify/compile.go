package classify

import (
	"container/list"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
)

// Compile reports whether code is a valid classifier under the default
// limits: for validating editor forms before anything is saved. The error
// is an *Error with the line and message of the first problem. It does not
// run the code.
func Compile(code string) error {
	if _, err := compile(code, DefaultConfig().MaxCodeBytes); err != nil {
		return newError(Classifier{}, KindSyntax, err)
	}
	return nil
}

// compile parses code, rewrites `..` to the bounded concatenation and
// compiles it. Parser or compiler panics on hostile input become errors.
func compile(code string, maxBytes int) (proto *lua.FunctionProto, err error) {
	if len(code) > maxBytes {
		return nil, fmt.Errorf("code is %d bytes, the limit is %d", len(code), maxBytes)
	}
	defer func() {
		if r := recover(); r != nil {
			proto, err = nil, fmt.Errorf("compile: %v", r)
		}
	}()
	chunk, err := parse.Parse(strings.NewReader(code), chunkName)
	if err != nil {
		return nil, err
	}
	rewriteConcat(chunk)
	proto, err = lua.Compile(chunk, chunkName)
	if err == nil {
		// The main chunk never gets arguments; without this, gopher-lua
		// builds a Lua 5.0 `arg` table on every run (seven allocations).
		proto.IsVarArg &^= lua.VarArgNeedsArg
	}
	return proto, err
}

// codeVersion fills in an empty Version with a hash of the code, so the
// cache never serves stale code for a caller that does not track versions.
func codeVersion(cls Classifier) Classifier {
	if cls.Version == "" {
		sum := sha256.Sum256([]byte(cls.Code))
		cls.Version = "sha256:" + hex.EncodeToString(sum[:12])
	}
	return cls
}

type cacheKey struct{ id, version string }

type cacheEntry struct {
	key   cacheKey
	code  string
	proto *lua.FunctionProto
	err   error
}

// protoCache keeps the compiled form (or the compile error) of the most
// recently used classifier versions. FunctionProtos are immutable, so one
// is shared by every pooled LState.
type protoCache struct {
	mu       sync.Mutex
	max      int
	maxBytes int
	entries  map[cacheKey]*list.Element
	lru      *list.List
}

func newProtoCache(max, maxBytes int) *protoCache {
	return &protoCache{max: max, maxBytes: maxBytes, entries: map[cacheKey]*list.Element{}, lru: list.New()}
}

// get returns the compiled classifier, compiling it on a miss. A hit also
// compares the code, so a reused Version with new code is recompiled.
func (c *protoCache) get(cls Classifier) (*lua.FunctionProto, error) {
	key := cacheKey{cls.ID, cls.Version}
	c.mu.Lock()
	if el, ok := c.entries[key]; ok {
		if e := el.Value.(*cacheEntry); e.code == cls.Code {
			c.lru.MoveToFront(el)
			c.mu.Unlock()
			return e.proto, e.err
		}
	}
	c.mu.Unlock()
	proto, err := compile(cls.Code, c.maxBytes)
	c.put(&cacheEntry{key: key, code: cls.Code, proto: proto, err: err})
	return proto, err
}

func (c *protoCache) put(e *cacheEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[e.key]; ok {
		el.Value = e
		c.lru.MoveToFront(el)
		return
	}
	c.entries[e.key] = c.lru.PushFront(e)
	for c.lru.Len() > c.max {
		oldest := c.lru.Back()
		c.lru.Remove(oldest)
		delete(c.entries, oldest.Value.(*cacheEntry).key)
	}
}
