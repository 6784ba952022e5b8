# curate: build, test and run the main jobs on the bundled dataset.
GO      ?= go
BIN     := bin/curate
SOURCES ?= ../shared/sources
OUT     ?= out

.PHONY: all build test validate export release bench interop vet fmt clean

all: validate

build:
	$(GO) build -o $(BIN) ./cmd/curate

# The test command README.md gives and .ci/run runs.
test:
	$(GO) vet ./...
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) test ./...

# Validate the bundled dataset; evidence is checked when the source texts are at hand.
validate: build
	@if [ -d "$(SOURCES)" ]; then $(BIN) validate --sources $(SOURCES) dataset; \
	else echo "note: $(SOURCES) not found, evidence not checked"; $(BIN) validate dataset; fi

# Every export of the bundled dataset into $(OUT)/, then the release zip.
export: build
	$(BIN) export --format all --out $(OUT) $(if $(wildcard $(SOURCES)),--sources $(SOURCES)) dataset

release: build
	$(BIN) release --out $(OUT)/release $(if $(wildcard $(SOURCES)),--sources $(SOURCES)) dataset

# Real clients (LibreOffice, pandas, DuckDB, jsonld.js, ajv, Frictionless) read
# the release bundle; installs what they need (apt-get, npm ci) first.
interop:
	GO=$(GO) SOURCES=$(SOURCES) bash scripts/interop.sh

# Benchmarks: validation against its baselines (encoding/json, our parser
# alone) and every export, with allocations. Figures, not pass/fail.
bench:
	$(GO) test -run XXX -bench . -benchmem -benchtime 3x ./validate ./export

vet:
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin $(OUT)
