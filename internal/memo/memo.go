// Package memo remembers the answers of pure functions of a string, within a bound.
package memo

import "sync"

// Memo remembers the answers of a pure function of a string. Names, labels
// and subjects repeat across the tables and paragraphs of a document and
// across documents; the regular expressions that classify them are the
// costly part of recognition. The memo empties itself past a bound so a
// long-running server does not grow without limit.
type Memo[V any] struct {
	mu sync.Mutex
	m  map[string]V
}

const memoMax = 20000

func (m *Memo[V]) Get(key string, f func(string) V) V {
	m.mu.Lock()
	v, ok := m.m[key]
	m.mu.Unlock()
	if ok {
		return v
	}
	v = f(key)
	if len(key) <= 256 {
		m.mu.Lock()
		if m.m == nil || len(m.m) >= memoMax {
			m.m = make(map[string]V)
		}
		m.m[key] = v
		m.mu.Unlock()
	}
	return v
}
