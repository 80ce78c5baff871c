# Convenience front end to the Meson build. See README.md.
BUILD ?= build

.PHONY: all deps build run test bench docs clean install

all: build

deps:
	@scripts/deps.sh

build: deps
	@[ -f $(BUILD)/build.ninja ] || meson setup $(BUILD) >/dev/null
	@ninja -C $(BUILD) >/dev/null || ninja -C $(BUILD)

run: build
	@$(BUILD)/tools/irqmap $(ARGS)

test: deps
	@scripts/test.sh

# Benchmarks: a release build, every figure of docs/performance.md.
bench: deps
	@[ -f build-release/build.ninja ] || meson setup build-release -Dbuildtype=release -Dtests=false >/dev/null
	@ninja -C build-release >/dev/null || ninja -C build-release
	@build-release/bench/irqmap-bench --dt-dir ../shared/dt

# Diagrams (Graphviz) and the HTML API reference (Doxygen), when installed.
docs:
	@scripts/docs.sh $(BUILD)/docs

install: build
	meson install -C $(BUILD)

clean:
	rm -rf build build-asan build-tsan build-release
