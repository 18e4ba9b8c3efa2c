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

test: $(STAMP) ## Run the test suite
	./node_modules/.bin/vitest run

check: $(STAMP) ## Type-check and lint
	./node_modules/.bin/tsc -p tsconfig.json
	./node_modules/.bin/biome check pipeline test

bench-extract: $(STAMP) ## Extraction throughput on a generated text (MB/s)
	$(NODE) pipeline/bench/extract-throughput.ts

bench: bench-extract ## All benchmarks

.PHONY: help install test check bench bench-extract
