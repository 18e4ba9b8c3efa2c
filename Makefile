# Fengkou: the dependency graph of the dataset build. `make help` lists the targets.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules
export TZ := UTC

NODE := node --import tsx
STAMP := node_modules/.package-lock.json

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error 1>&2
	@touch $@

install: $(STAMP) ## Install the pinned dependencies (npm ci)

# RAW_DIR, B and DATASET can point elsewhere (the benchmark builds generated corpora with them)
RAW_DIR ?= raw
B ?= out/build
DATASET ?= out/dataset
# folders too: removing a source changes its parent folder's time, which a list of files would miss
RAW := $(shell find $(RAW_DIR) 2>/dev/null | LC_ALL=C sort)
TABLE_SCHEMAS := $(wildcard schemas/tables/*.schema.json)

dataset: $(DATASET)/datapackage.json ## Build the dataset from raw/ into out/dataset/ (CSV, Parquet, datapackage.json)
	@:

# One process runs the six stages (pipeline/build.ts): each skips the sources its manifest says are
# current (keyed by content and by the code each stage imports), and one Node start-up instead of six
# keeps a one-article rebuild quick. make only decides whether anything is newer than the last export:
# any code outside the commands, benchmarks and publishing tools.
PIPELINE := $(shell find pipeline -type f -not -path 'pipeline/cli/*' -not -path 'pipeline/bench/*' -not -path 'pipeline/publish/*' | LC_ALL=C sort)
$(DATASET)/datapackage.json: $(PIPELINE) $(RAW) $(wildcard schemas/*.json) $(TABLE_SCHEMAS) package.json package-lock.json | $(STAMP)
	@$(NODE) pipeline/build.ts --raw $(RAW_DIR) --build $(B) --out $(DATASET)

candidates: $(STAMP) ## Draft raw/$(SOURCE)/annotations.yaml for review: make candidates SOURCE=<source_id>
	@$(NODE) pipeline/cli/candidates.ts --source "$(SOURCE)"

release: dataset ## Publish out/dataset as out/releases/$(VERSION): make release VERSION=x.y.z
	@$(NODE) pipeline/cli/release.ts --version "$(VERSION)" --dataset $(DATASET)

diff: $(STAMP) ## Row-level changes between versions: make diff FROM=1.0.0 TO=build
	@$(NODE) pipeline/cli/diff.ts --from "$(FROM)" --to "$(TO)"

verify: $(STAMP) ## Re-hash every published release against SHA256SUMS and datapackage.json
	@$(NODE) pipeline/cli/verify.ts

site: $(STAMP) ## Build the static dataset page from the published releases into out/site/
	@$(NODE) pipeline/cli/site.ts --releases out/releases --raw raw --out out/site

compare: $(STAMP) ## Report where Microsoft Recognizers-Text disagrees with our money and number cases (a second opinion, not a gate)
	@$(NODE) pipeline/bench/compare-recognizers.ts

types: $(STAMP) ## Regenerate pipeline/store/schema-types.ts from schemas/
	@$(NODE) pipeline/cli/types.ts

clean: ## Remove build output (never out/releases/)
	rm -rf $(B) $(DATASET) out/site

browser: ## Install Debian's Chromium for the browser tests when it is missing (root, apt-get)
	@command -v chromium >/dev/null || { echo "installing Debian's chromium for the browser tests" >&2; \
	  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2; }

test: $(STAMP) browser ## Run the test suite (unit, pipeline, release and browser tests)
	./node_modules/.bin/vitest run

check: $(STAMP) ## Type-check and lint
	./node_modules/.bin/tsc -p tsconfig.json
	./node_modules/.bin/biome check pipeline test vitest.config.ts

bench-extract: $(STAMP) ## Extraction throughput on a generated text (MB/s)
	@$(NODE) pipeline/bench/extract-throughput.ts

bench-pipeline: $(STAMP) ## make dataset on generated corpora (BENCH_N="1000 10000"); writes BENCHMARKS.md
	@$(NODE) pipeline/bench/run.ts

bench: bench-extract bench-pipeline ## All benchmarks

.PHONY: help install browser dataset candidates release diff verify site compare types clean test check bench bench-extract bench-pipeline
