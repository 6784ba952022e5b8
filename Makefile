# curate: build, test and run the main jobs on the bundled dataset.
GO      ?= go
BIN     := bin/curate
SOURCES ?= ../shared/sources
OUT     ?= out

.PHONY: all build test race fuzz fuzz-brief bench-compile validate export release bench bench-go synth interop vet fmt clean

all: validate

build:
	$(GO) build -buildvcs=auto -o $(BIN) ./cmd/curate

# The test command README.md gives and .ci/run runs: vet, gofmt, every
# test, the packages with concurrency under the race detector; every fuzz
# target's corpus (testdata/fuzz) runs as part of go test. Fuzzing itself
# (make fuzz) finds new inputs at random, so it is not part of this
# check, which must give the same answer on every run.
test:
	$(GO) vet ./...
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) test ./...
	$(MAKE) race
	$(MAKE) bench-compile

# Every Go benchmark once, so that they keep compiling and running; times
# are not read (make bench measures).
bench-compile:
	$(GO) test -run XXX -bench . -benchtime 1x ./...

# The packages that run work on several goroutines, under the race detector
# (the 100 MB memory cases are left to the plain run).
race:
	$(GO) test -race -short ./validate ./export/... ./internal/atomicset ./jsonpos ./cmd/...

# Every fuzz target: FUZZTIME each (10 minutes by default for make fuzz, a
# few seconds in make test). Crashers are kept in the package's
# testdata/fuzz/ and then run by go test as regression cases.
FUZZ_TARGETS := ./schema:FuzzChecker ./schema:FuzzPatterns ./canonical:FuzzFormat ./export/jsonld:FuzzAppendString ./jsonpos:FuzzParse ./jsonpos:FuzzLines ./jsonpos:FuzzNumberInRange ./edtf:FuzzParse ./validate:FuzzValidate
FUZZTIME ?= 10m
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; fn=$${t##*:}; echo "fuzz $$pkg $$fn for $(FUZZTIME)"; \
	  $(GO) test -timeout 0 -run XXX -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) $$pkg; done

fuzz-brief:
	@$(MAKE) --no-print-directory fuzz FUZZTIME=5s

# Validate the bundled dataset; evidence is checked when the source texts are at hand.
validate: build
	$(BIN) fmt --check dataset
	@if [ -d "$(SOURCES)" ]; then $(BIN) validate --sources $(SOURCES) dataset; \
	else echo "note: $(SOURCES) not found, evidence not checked"; $(BIN) validate dataset; fi

# Every dataset file in canonical form (curate fmt writes it).
fmt-check: build ; $(BIN) fmt --check dataset

# Every export of the bundled dataset into $(OUT)/, then the release zip.
export: build
	$(BIN) export --format all --out $(OUT) $(if $(wildcard $(SOURCES)),--sources $(SOURCES)) dataset

release: build
	$(BIN) release --out $(OUT)/release $(if $(wildcard $(SOURCES)),--sources $(SOURCES)) dataset

# Real clients (LibreOffice, pandas, DuckDB, jsonld.js, ajv, Frictionless) read
# the release bundle; installs what they need (apt-get, npm ci) first.
interop:
	GO=$(GO) SOURCES=$(SOURCES) bash scripts/interop.sh

# Go benchmarks: validation against its baselines (encoding/json, our parser
# alone) and every export, with allocations. Figures, not pass/fail.
bench-go:
	$(GO) test -run XXX -bench . -benchmem -benchtime 3x ./validate ./export/... ./internal/atomicset

# The scale benchmark (scripts/bench, BENCHMARKS.md): synthetic datasets of
# SIZES records (cached in BENCH_WORK), every curate command against the
# parse floor, ajv and DuckDB; RUNS runs each (default 3, 1 above 100,000).
SIZES      ?= 10000 100000 1000000
RUNS       ?= 0
BENCH_WORK ?= /tmp/curate-bench
bench:
	GO=$(GO) bash scripts/bench/bench.sh -sizes "$(SIZES)" -runs $(RUNS) -work $(BENCH_WORK)

# A synthetic dataset of N records in SYNTH_OUT (texts in SYNTH_OUT-sources),
# with FAULTS faults of each class when set (internal/synth).
N         ?= 10000
SYNTH_OUT ?= /tmp/curate-synth-$(N)
FAULTS    ?= 0
SEED      ?= 1
synth:
	$(GO) run ./internal/synth/cmd -n $(N) -seed $(SEED) -faults $(FAULTS) -out $(SYNTH_OUT) -force

vet:
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin $(OUT)
