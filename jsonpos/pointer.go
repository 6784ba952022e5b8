package jsonpos

import "strings"

var escaper = strings.NewReplacer("~", "~0", "/", "~1")

// Escape escapes s as a JSON pointer segment (RFC 6901): ~ becomes ~0 and /
// becomes ~1.
func Escape(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return escaper.Replace(s)
}

// Split returns the reference tokens of a JSON pointer (RFC 6901),
// unescaped: "/a~1b/0" gives "a/b" and "0". The whole document, "", has
// none; so has a string that is not a pointer (one that does not start
// with "/", or has a "~" not followed by "0" or "1"), which Lookup and
// Locate find nothing for.
func Split(pointer string) []string {
	segs, _ := split(pointer)
	return segs
}

// split is Split, saying whether pointer is a pointer.
func split(pointer string) ([]string, bool) {
	if pointer == "" {
		return nil, true
	}
	if pointer[0] != '/' {
		return nil, false
	}
	segs := strings.Split(pointer[1:], "/")
	for i, s := range segs {
		u, ok := unescape(s)
		if !ok {
			return nil, false
		}
		segs[i] = u
	}
	return segs, true
}

// unescape undoes Escape, and reports false for a "~" not followed by "0"
// or "1".
func unescape(s string) (string, bool) {
	if strings.IndexByte(s, '~') < 0 {
		return s, true
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '~' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 >= len(s) || s[i+1] != '0' && s[i+1] != '1' {
			return "", false
		}
		if s[i+1] == '0' {
			b.WriteByte('~')
		} else {
			b.WriteByte('/')
		}
		i++
	}
	return b.String(), true
}

// arrayIndex reads a reference token as an array index: decimal digits
// without a leading zero (but "0"), no sign, no more than an int holds.
func arrayIndex(s string) (int, bool) {
	if s == "" || len(s) > 1 && s[0] == '0' {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' || n > (maxInt-9)/10 {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

const maxInt = int(^uint(0) >> 1)

// Lookup returns the value at a JSON pointer (RFC 6901) in a value as Parse
// returns it (map[string]any and []any inside): "" is the whole value, each
// token is unescaped (~1 is /, ~0 is ~) and, in an array, must be an index
// written in decimal without a leading zero. It returns false when there is
// no such value or pointer is not a pointer.
func Lookup(v any, pointer string) (any, bool) {
	segs, ok := split(pointer)
	if !ok {
		return nil, false
	}
	for _, s := range segs {
		switch t := v.(type) {
		case map[string]any:
			if v, ok = t[s]; !ok {
				return nil, false
			}
		case []any:
			i, ok := arrayIndex(s)
			if !ok || i >= len(t) {
				return nil, false
			}
			v = t[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// Locate returns where the values at the given JSON pointers are in data,
// by pointer; a pointer with no value in data (or that is not a pointer)
// has no entry. When a duplicate key gives a pointer twice, the first
// occurrence wins: the value Parse keeps. (A value inside a duplicate's
// value, which Parse drops, is found only when nothing earlier in the text
// has its pointer.) In a file that does not parse, the values read before
// the error are found.
//
// Locate reads data once, building no value and no pointer string but the
// ones asked for: its time is linear in the size of data and the pointers,
// its memory in the size of the pointers and the depth of nesting. It is
// meant for reporting: call it only when there is something to report.
func Locate(data []byte, pointers []string) map[string]Loc {
	found := make(map[string]Loc, len(pointers))
	root := &node{}
	for _, ptr := range pointers {
		segs, ok := split(ptr)
		if !ok {
			continue
		}
		n := root
		for _, s := range segs {
			n = n.child(s)
		}
		n.want, n.ptr = true, ptr
	}
	p := &parser{data: data, walk: true, root: root, found: found}
	p.document()
	return found
}

// node is a trie of the pointers Locate looks for: one node per pointer
// prefix, a child per reference token.
type node struct {
	want bool   // a pointer ends here
	ptr  string // that pointer, as given
	done bool   // its value has been found

	name  string // the token that leads here from the parent, unescaped
	index int    // that token as an array index, or -1

	kids []*node
	// Once there are many kids, maps find them by name and by index.
	byName  map[string]*node
	byIndex map[int]*node
}

// manyKids is the number of kids past which maps find them.
const manyKids = 8

// key returns the kid for property name, or nil.
func (n *node) key(name string) *node {
	if n.byName != nil {
		return n.byName[name]
	}
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// rawKey is key for a name as bytes, copying nothing.
func (n *node) rawKey(name []byte) *node {
	if n.byName != nil {
		return n.byName[string(name)]
	}
	for _, k := range n.kids {
		if k.name == string(name) {
			return k
		}
	}
	return nil
}

// item returns the kid for array index i, or nil.
func (n *node) item(i int) *node {
	if n.byIndex != nil {
		return n.byIndex[i]
	}
	for _, k := range n.kids {
		if k.index == i {
			return k
		}
	}
	return nil
}

// child returns the kid for token s, adding it when it is new.
func (n *node) child(s string) *node {
	if k := n.key(s); k != nil {
		return k
	}
	k := &node{name: s, index: -1}
	if i, ok := arrayIndex(s); ok {
		k.index = i
	}
	n.kids = append(n.kids, k)
	if len(n.kids) == manyKids+1 {
		n.byName, n.byIndex = map[string]*node{}, map[int]*node{}
		for _, k := range n.kids[:manyKids] {
			n.add(k)
		}
	}
	if n.byName != nil {
		n.add(k)
	}
	return k
}

// add puts k in the maps.
func (n *node) add(k *node) {
	n.byName[k.name] = k
	if k.index >= 0 {
		n.byIndex[k.index] = k
	}
}
