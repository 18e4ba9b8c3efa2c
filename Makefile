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

# stdout stays clean for data (make add prints ids there): the command is echoed to stderr
$(STAMP): package.json package-lock.json
	@echo 'npm ci --no-audit --no-fund --loglevel=error' >&2
	@npm ci --no-audit --no-fund --loglevel=error 1>&2
	@touch $@

install: $(STAMP) ## Install the pinned dependencies (npm ci)

# RAW_DIR, B and DATASET can point elsewhere (the benchmark builds generated corpora with them).
# Every variable a user gives (VERSION, SOURCE, FROM, TO, the folders) reaches the commands through
# the environment, unexpanded: `$(value ...)` keeps make from running a $(shell ...) inside it, and
# recipes read "$$VERSION", so the shell never evaluates a backtick or $(...) in it either.
RAW_DIR ?= raw
B ?= out/build
DATASET ?= out/dataset
PARTITIONED ?= out/partitioned
override RAW_DIR := $(value RAW_DIR)
override B := $(value B)
override DATASET := $(value DATASET)
override PARTITIONED := $(value PARTITIONED)
override VERSION := $(value VERSION)
override SOURCE := $(value SOURCE)
override FROM := $(value FROM)
override TO := $(value TO)
# Past one machine (README, "Scale"): SHARD=k/n runs the per-article stages (01-04) for the sources of
# shard k alone, into $(B)/shards/k-of-n/; SHARDS=n then runs the model over all n shards' records and
# the export. Both run the build every time (the stamp is the one-machine build's).
override SHARD := $(value SHARD)
override SHARDS := $(value SHARDS)
export RAW_DIR B DATASET PARTITIONED VERSION SOURCE FROM TO SHARD SHARDS
TABLE_SCHEMAS := $(wildcard schemas/tables/*.schema.json)

ifeq ($(SHARD)$(SHARDS),)
dataset: $(B)/dataset.stamp ## Build the dataset from raw/ into out/dataset/ (CSV, Parquet, datapackage.json); SHARD=k/n, SHARDS=n: README "Scale"
	@:
else
dataset: FORCE | $(STAMP)
	@$(NODE) pipeline/build.ts --raw "$$RAW_DIR" --build "$$B" --out "$$DATASET" --shard "$$SHARD" --shards "$$SHARDS"
endif

# make never lists raw/ itself (a ':' or a space in a file name would break its parsing): a script
# writes the signature of every input (path, size, modification and change time, inode, as git
# compares them), and rewrites it only when it changed. make runs
# the build when the signature is newer than the stamp of the last build. The stamp, not the
# dataset, is the target, so .DELETE_ON_ERROR can only delete the stamp (the next make rebuilds),
# never a file the export wrote. Inside, each stage skips the sources its manifest says are current;
# beside the signature the script lists raw/ entry by entry ($(B)/inputs.entries), and with that list
# the per-article stages look only at the sources that changed since the last complete build.
$(B)/inputs.sig: FORCE
	@bash pipeline/store/input-signature.sh "$$B/inputs.sig"

# a missing dataset (deleted by hand) counts as changed: its empty rule makes make rebuild the stamp
$(DATASET)/datapackage.json: ;

$(B)/dataset.stamp: $(B)/inputs.sig $(DATASET)/datapackage.json | $(STAMP)
	@$(NODE) pipeline/build.ts --raw "$$RAW_DIR" --build "$$B" --out "$$DATASET" --inputs "$$B/inputs.entries"
	@touch "$$B/dataset.stamp"

# Every table as Hive-partitioned Parquet by the year of its sources' publication (README, "Scale"), from the
# model the dataset was exported from; SHARDS=n as for dataset. SHARD=k/n builds no model, so it is refused.
ifeq ($(SHARD),)
partitioned: dataset ## Write every table as Hive-partitioned Parquet into out/partitioned/<table>/published_year=<year>/ (PARTITIONED=<folder>): README "Scale"
	@$(NODE) pipeline/cli/partitioned.ts --model "$$B/05-model/dataset.duckdb" --out "$$PARTITIONED"
else
partitioned:
	@echo "partitioned: SHARD=$$SHARD builds one shard's stages and no model; once every shard is built, run make partitioned SHARDS=n" >&2; exit 2
endif

candidates: $(STAMP) ## Draft raw/$(SOURCE)/annotations.yaml for review: make candidates SOURCE=<source_id>
	@$(NODE) pipeline/cli/candidates.ts --source "$$SOURCE"

# make add takes its variables from the command line alone: LANGUAGE is also gettext's, set in many
# shells (LANGUAGE=en_US:en), and must not become an article's language. As above, each is made
# simple with $(value ...) (make expands a recursive variable when it exports it) and reaches the
# command through the environment.
command_line = $(if $(filter command line,$(origin $1)),$(value $1))
override ADD_FILE := $(call command_line,FILE)
override ADD_URL := $(call command_line,URL)
override ADD_PUBLISHED := $(call command_line,PUBLISHED)
override ADD_PUBLISHER := $(call command_line,PUBLISHER)
override ADD_TITLE := $(call command_line,TITLE)
override ADD_LANGUAGE := $(call command_line,LANGUAGE)
override ADD_REPLACE := $(call command_line,REPLACE)
override FILE := $(value FILE)
override URL := $(value URL)
override PUBLISHED := $(value PUBLISHED)
override PUBLISHER := $(value PUBLISHER)
override TITLE := $(value TITLE)
override LANGUAGE := $(value LANGUAGE)
override REPLACE := $(value REPLACE)
export ADD_FILE ADD_URL ADD_PUBLISHED ADD_PUBLISHER ADD_TITLE ADD_LANGUAGE ADD_REPLACE
add: $(STAMP) ## Add articles to raw/: make add FILE=<page.html|text.txt|batch.jsonl> [URL= PUBLISHED= PUBLISHER= TITLE= LANGUAGE= REPLACE=1]
	@$(NODE) pipeline/cli/add.ts --file "$$ADD_FILE" --raw "$$RAW_DIR" --url "$$ADD_URL" --published "$$ADD_PUBLISHED" \
	  --publisher "$$ADD_PUBLISHER" --title "$$ADD_TITLE" --language "$$ADD_LANGUAGE" --replace "$$ADD_REPLACE"

release: dataset ## Publish out/dataset as out/releases/$(VERSION): make release VERSION=x.y.z
	@$(NODE) pipeline/cli/release.ts --version "$$VERSION" --dataset "$$DATASET" --raw "$$RAW_DIR"

diff: $(STAMP) ## Row-level changes between versions: make diff FROM=1.0.0 TO=build
	@$(NODE) pipeline/cli/diff.ts --from "$$FROM" --to "$$TO" --dataset "$$DATASET"

verify: $(STAMP) ## Re-hash every published release against SHA256SUMS and datapackage.json; open its workbook and databases
	@$(NODE) pipeline/cli/verify.ts

site: $(STAMP) ## Build the static dataset page from the published releases into out/site/
	@$(NODE) pipeline/cli/site.ts --releases out/releases --raw raw --out out/site

compare: $(STAMP) ## Report where Microsoft Recognizers-Text disagrees with our money and number cases (a second opinion, not a gate)
	@$(NODE) pipeline/bench/compare-recognizers.ts

types: $(STAMP) ## Regenerate pipeline/store/schema-types.ts from schemas/
	@$(NODE) pipeline/cli/types.ts

clean: ## Remove build output (never out/releases/)
	rm -rf "$$B" "$$DATASET" "$$(dirname "$$DATASET")"/."$$(basename "$$DATASET")"-* out/site
	rm -rf "$$PARTITIONED" "$$(dirname "$$PARTITIONED")"/."$$(basename "$$PARTITIONED")"-*

# the browser tests use $CHROMIUM_PATH, else /usr/bin/chromium (test/cli/site.test.ts)
browser: ## Install Debian's Chromium and a CJK font for the browser tests when missing (root, apt-get, network)
	@[ -x "$${CHROMIUM_PATH:-/usr/bin/chromium}" ] || { echo "installing Debian's chromium for the browser tests" >&2; \
	  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2; }
	@# a CJK font, or the screenshots the browser tests keep show boxes where the Chinese text is
	@[ -n "$$(fc-list :lang=zh 2>/dev/null)" ] || { echo "installing a CJK font for the browser screenshots" >&2; \
	  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >&2; }

# What CI runs (.ci/run): every test file, the browser tests included, which is why it needs `browser`
test: $(STAMP) browser ## Run the whole test suite (unit, pipeline, release and browser tests; installs Chromium if missing)
	./node_modules/.bin/vitest run

test-unit: $(STAMP) ## Run the unit tests alone (normalizers, curation, store, docs): no build, no browser, seconds
	./node_modules/.bin/vitest run --project unit

check: $(STAMP) ## Type-check and lint
	./node_modules/.bin/tsc -p tsconfig.json
	./node_modules/.bin/biome check pipeline test vitest.config.ts

bench-extract: $(STAMP) ## Extraction throughput on a generated text (MB/s)
	@$(NODE) pipeline/bench/extract-throughput.ts

bench-pipeline: $(STAMP) ## make dataset on generated corpora (BENCH_N="1000 10000"); writes BENCHMARKS.md
	@$(NODE) pipeline/bench/run.ts

eval: $(STAMP) ## Score the machine tier on the development corpus (test/fixtures/corpus): F1, discovery, lines changed
	@$(NODE) pipeline/bench/eval.ts

bench-large: $(STAMP) ## One generated mention-dense article of 1, 2, 5 and 10 MB (BENCH_LARGE_MB) through the machine tier: time and peak memory; writes BENCHMARKS.md
	@$(NODE) pipeline/bench/large-article.ts

bench: bench-extract bench-pipeline bench-large ## All benchmarks

FORCE:

.PHONY: help install browser dataset add candidates release diff verify site compare types clean test test-unit check eval bench bench-extract bench-pipeline bench-large
