package schemamsg

import (
	"encoding/json"
	"strings"
	"testing"

	"curate/schema"
)

func value(t *testing.T, s string) any {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestCheck: each kind of problem comes out at its pointer with a message
// and a hint drawn from the schema.
func TestCheck(t *testing.T) {
	set, err := schema.LoadDir("")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, record string
		want         Problem
	}{
		{"unknown property at its name", `{"kind": "measure", "id": "measure-x", "title": "T", "imposed_by": ["actor-x"], "citations": [{"source": "source-x", "evidence": "e"}], "statu": "imposed"}`,
			Problem{Pointer: "/records/0/statu", AtKey: true, Inner: -1, Rule: "additionalProperties", Msg: `unknown property "statu"`, Hint: `did you mean "status"?`}},
		{"a misspelt required property: one problem", `{"kind": "measure", "id": "measure-x", "title": "T", "imposed_bye": ["actor-x"], "citations": [{"source": "source-x", "evidence": "e"}]}`,
			Problem{Pointer: "/records/0/imposed_bye", AtKey: true, Inner: -1, Rule: "additionalProperties", Msg: `unknown property "imposed_bye"`, Hint: `did you mean "imposed_by"? (it is required)`}},
		{"enum under a condition", `{"kind": "measure", "id": "measure-x", "title": "T", "status": "imposed", "ended": {"edtf": "2022", "basis": "stated"}, "imposed_by": ["actor-x"], "citations": [{"source": "source-x", "evidence": "e"}]}`,
			Problem{Pointer: "/records/0/status", Inner: -1, Rule: "enum", Msg: `"imposed" is not one of the allowed values`, Hint: `A measure with an end date is lifted or expired: use one of "lifted", "expired"`}},
		{"date inside its string", `{"kind": "event", "id": "event-x", "event_type": "other", "title": "T", "date": {"edtf": "2022-02-30", "basis": "stated"}, "citations": [{"source": "source-x", "evidence": "e"}]}`,
			Problem{Pointer: "/records/0/date/edtf", Inner: 8, Rule: "edtf-calendar", Msg: `date "2022-02-30" is not a calendar date: February 2022 has 28 days`, Hint: "check the day and the month against the source"}},
	}
	for _, tt := range tests {
		v := value(t, tt.record)
		kind := v.(map[string]any)["kind"].(string)
		got := Check(set, set.Kinds[kind], v, "/records/0")
		for i := range got {
			got[i].meant, got[i].missing = "", ""
		}
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("%s:\n got  %+v\n want %+v", tt.name, got, tt.want)
		}
	}
}
