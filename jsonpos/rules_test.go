package jsonpos

import (
	"go/ast"
	goparser "go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestRulesCatalogue: Rules describes each rule once, with a summary and
// help, and every rule the parser can emit is one of them: the source is
// read, so that a rule no test input reaches is checked too.
func TestRulesCatalogue(t *testing.T) {
	names := map[string]bool{}
	for _, r := range Rules {
		if names[r.Name] {
			t.Errorf("rule %q twice in Rules", r.Name)
		}
		names[r.Name] = true
		if r.Name == "" || r.Summary == "" || r.Help == "" || strings.Contains(r.Summary, "\n") {
			t.Errorf("rule %+v: want a name, a one-line summary and help", r)
		}
		if r.Summary != strings.ToLower(r.Summary[:1])+r.Summary[1:] || strings.HasSuffix(r.Summary, ".") {
			t.Errorf("rule %q: summary %q is not lower case without a final period", r.Name, r.Summary)
		}
		if !strings.HasSuffix(r.Help, ".") {
			t.Errorf("rule %q: help %q is not a sentence", r.Name, r.Help)
		}
	}

	fset := token.NewFileSet()
	consts := map[string]string{} // Rule constant -> its value
	rules, err := goparser.ParseFile(fset, "rules.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range rules.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.CONST {
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						t.Fatalf("rule constant %s is not a string literal", name.Name)
					}
					consts[name.Name], _ = strconv.Unquote(lit.Value)
				}
			}
		}
	}
	for name, value := range consts {
		if !names[value] {
			t.Errorf("%s = %q is not in Rules", name, value)
		}
	}
	if len(consts) != len(Rules) {
		t.Errorf("%d rule constants, %d Rules", len(consts), len(Rules))
	}

	// Every rule argument of add, fail and stop, and every Rule field of an
	// Error literal, is one of the constants.
	used := map[string]bool{}
	check := func(e ast.Expr) {
		id, ok := e.(*ast.Ident)
		if !ok || consts[id.Name] == "" {
			t.Errorf("%s: rule %s is not a Rule constant", fset.Position(e.Pos()), exprString(e))
			return
		}
		used[id.Name] = true
	}
	emitters := []string{"add", "fail", "stop"} // the parser's methods that record an error
	for _, file := range []string{"parse.go", "pointer.go", "number.go", "lines.go"} {
		f, err := goparser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				// These pass on the rule they are given.
				return !slices.Contains(emitters, n.Name.Name)
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && slices.Contains(emitters, sel.Sel.Name) {
					if x, ok := sel.X.(*ast.Ident); ok && x.Name == "p" {
						check(n.Args[1])
					}
				}
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Rule" {
					check(n.Value)
				}
			}
			return true
		})
	}
	for name := range consts {
		if !used[name] {
			t.Errorf("%s is never emitted", name)
		}
	}
}

// exprString renders an expression for a message.
func exprString(e ast.Expr) string {
	if lit, ok := e.(*ast.BasicLit); ok {
		return lit.Value
	}
	return "(an expression)"
}
